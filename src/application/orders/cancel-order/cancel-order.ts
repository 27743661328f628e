import { orderErrors, type Order } from '../../../domain/orders/order.js';
import { isAdmin, type Actor } from '../../shared/actor.js';
import { loadVisibleOrder } from '../order-access.js';
import { isConcurrentUpdate, type OrderCancellation } from '../order-cancellation.js';
import type { OrderRepository } from '../ports/order-repository.js';

/** A race lost this many times in a row (the order keeps changing) answers 409 ORDER_CONCURRENT_UPDATE. */
const ATTEMPTS = 3;

/**
 * The buyer or an admin cancels before shipping; the stock goes back, and a paid order is refunded
 * in full first (the crash-safe steps of OrderCancellation). A cancel that loses a race is judged
 * again on a fresh read: against another cancel it then answers 409 ORDER_INVALID_TRANSITION
 * (`orderStatus: cancelled`), as a second cancel sent later does, and the refund was made once;
 * against a payment that landed meanwhile, the order is now paid, so it is refunded and cancelled.
 */
export class CancelOrder {
  constructor(
    private readonly orders: OrderRepository,
    private readonly cancellation: OrderCancellation,
  ) {}

  async execute(actor: Actor, orderId: string): Promise<Order> {
    for (let attempt = 1; ; attempt += 1) {
      const order = await loadVisibleOrder(this.orders, orderId, actor);
      if (order.buyerId !== actor.userId && !isAdmin(actor)) throw orderErrors.notFound();
      const reason = order.buyerId === actor.userId ? 'buyer' : 'admin';
      try {
        return await this.cancellation.cancel(order, actor.userId, reason);
      } catch (error) {
        if (!isConcurrentUpdate(error) || attempt === ATTEMPTS) throw error;
      }
    }
  }
}
