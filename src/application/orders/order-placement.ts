import { DomainError } from '../../domain/shared/domain-error.js';
import {
  confirmOrder,
  failOrder,
  paymentDeadline,
  type Order,
  type PaymentDeadlines,
} from '../../domain/orders/order.js';
import type { Clock } from '../shared/ports/clock.js';
import type { OrderEvents } from './order-events.js';
import type { OrderCheckout, StockSale } from './ports/order-checkout.js';
import type { OrderRepository } from './ports/order-repository.js';

export type Placement = { ok: true; order: Order } | Exclude<StockSale, { ok: true }>;

/**
 * How every order is placed (a checkout, an auction's winner), in steps ordered so that a crash
 * between any two leaves a state that `settle` finishes or undoes:
 * 1. the order is written `placing` (internal: clients do not see it);
 * 2. its stock is sold in the ledger, keyed by the order id (a repeat sells nothing more);
 * 3. it is confirmed (`pending_payment`, to be paid by `payBy`: ORDER_PAYMENT_TTL_SECONDS, or
 *    AUCTION_PAYMENT_TTL_SECONDS for an auction's order, from now) with `order.created` and the
 *    sellers' notifications in the same write.
 * `settle` (the sweeper, or a retry of the same request) asks the ledger: sold -> step 3; not
 * sold -> the ledger refuses that order from then on, and it is marked `failed` (nothing was
 * sold; the buyer's cart keeps its reservations).
 */
export class OrderPlacement {
  constructor(
    private readonly orders: OrderRepository,
    private readonly checkout: OrderCheckout,
    private readonly events: OrderEvents,
    private readonly clock: Clock,
    private readonly deadlines: PaymentDeadlines = { orderSeconds: 1800, auctionSeconds: 172_800 },
  ) {}

  async place(placing: Order, sell: (order: Order) => Promise<StockSale>): Promise<Placement> {
    await this.orders.create(placing, []);
    const sold = await sell(placing);
    if (sold.ok) return { ok: true, order: await this.confirm(placing) };
    if (sold.reason === 'reservation_expired') await this.fail(placing);
    return sold;
  }

  /** Finishes or undoes a `placing` order; answers it `pending_payment` (or later) or `failed`. */
  async settle(placing: Order): Promise<Order> {
    return (await this.checkout.settle(placing.id)) === 'sold' ? this.confirm(placing) : this.fail(placing);
  }

  private confirm(placing: Order): Promise<Order> {
    const now = this.clock.now();
    const confirmed = confirmOrder(placing, now, paymentDeadline(placing, now, this.deadlines));
    return this.write(confirmed, () => this.orders.save(confirmed, this.events.created(confirmed)));
  }

  private fail(placing: Order): Promise<Order> {
    const failed = failOrder(placing, this.clock.now());
    return this.write(failed, () => this.orders.save(failed, []));
  }

  /** A racing settler (the sweeper, a retry) may have written the same outcome first: answer the stored order. */
  private async write(order: Order, save: () => Promise<void>): Promise<Order> {
    try {
      await save();
      return order;
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'ORDER_CONCURRENT_UPDATE') throw error;
      const stored = await this.orders.findById(order.id);
      if (!stored || stored.status === 'placing') throw error;
      return stored;
    }
  }
}
