import { isPaymentOverdue, type Order } from '../../../domain/orders/order.js';
import type { Clock } from '../../shared/ports/clock.js';
import { isConcurrentUpdate, type OrderCancellation } from '../order-cancellation.js';
import type { OrderRepository } from '../ports/order-repository.js';

/** Who cancels an order that was not paid in time (`cancelledBy` of its `order.cancelled`). */
export const SYSTEM_ACTOR_ID = 'system';

/**
 * The payment deadline, run by every instance every ORDER_SWEEP_INTERVAL_MS: each `pending_payment`
 * order past its `payBy` is cancelled with `cancelReason: "payment_timeout"` (OrderCancellation:
 * one conditional write with `order.cancelled`, then its stock back). Exactly once across
 * instances: the write is conditional on the version read, so of racing sweepers (or a racing
 * payment, which wins if it saved first) one writes, the others lose the race and skip the order;
 * the cancel's events have ids derived from the order, so even a store whose conditional updates
 * are not atomic publishes them once after deduplication.
 */
export class ExpireUnpaidOrders {
  constructor(
    private readonly orders: OrderRepository,
    private readonly cancellation: OrderCancellation,
    private readonly clock: Clock,
    private readonly batchSize = 100,
  ) {}

  /** Returns the ids of the orders this call cancelled. */
  async execute(): Promise<string[]> {
    const cancelled: string[] = [];
    for (;;) {
      const now = this.clock.now();
      const overdue = await this.orders.listPaymentOverdue(now, this.batchSize);
      const before = cancelled.length;
      for (const order of overdue) if (await this.expire(order, now)) cancelled.push(order.id);
      // A full batch all lost to others (who are at it too) is left to them, so this loop ends.
      if (overdue.length < this.batchSize || cancelled.length === before) return cancelled;
    }
  }

  private async expire(order: Order, now: Date): Promise<boolean> {
    if (!isPaymentOverdue(order, now)) return false;
    try {
      await this.cancellation.cancel(order, SYSTEM_ACTOR_ID, 'payment_timeout');
      return true;
    } catch (error) {
      if (isConcurrentUpdate(error)) return false;
      throw error;
    }
  }
}
