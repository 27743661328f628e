import type { Clock } from '../../shared/ports/clock.js';
import type { OrderPlacement } from '../order-placement.js';
import type { OrderRepository } from '../ports/order-repository.js';

/**
 * The sweeper of checkouts that died: every `placing` order older than the checkout timeout is
 * settled (confirmed when the ledger sold its stock, else failed and refused by the ledger from
 * then on). Runs on every instance: the ledger decides each order once, and a racing settler's
 * write is recognised.
 */
export class SettlePlacingOrders {
  constructor(
    private readonly orders: OrderRepository,
    private readonly placement: OrderPlacement,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
    private readonly batchSize = 100,
  ) {}

  /** Returns how many orders this call settled. */
  async execute(): Promise<number> {
    let total = 0;
    for (;;) {
      const stale = await this.orders.listPlacing(
        new Date(this.clock.now().getTime() - this.timeoutMs),
        this.batchSize,
      );
      for (const order of stale) await this.placement.settle(order);
      total += stale.length;
      if (stale.length < this.batchSize) return total;
    }
  }
}
