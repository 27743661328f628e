import { cancelOrder, orderErrors, type Order } from '../../../domain/orders/order.js';
import { isAdmin, type Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/ports/clock.js';
import { loadVisibleOrder } from '../order-access.js';
import type { OrderEvents } from '../order-events.js';
import type { OrderCheckout } from '../ports/order-checkout.js';
import type { OrderRepository } from '../ports/order-repository.js';

/**
 * The buyer or an admin cancels before shipping; the stock goes back. Crash-safe: the cancelled
 * order is stored with `order.cancelled` (and the sellers' notifications) in one write, then the
 * units are given back at once, keyed by the order id; should the process die in between, the
 * cart module gives them back when it consumes `order.cancelled` (once per order either way).
 */
export class CancelOrder {
  constructor(
    private readonly orders: OrderRepository,
    private readonly checkout: OrderCheckout,
    private readonly events: OrderEvents,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, orderId: string): Promise<Order> {
    const order = await loadVisibleOrder(this.orders, orderId, actor);
    if (order.buyerId !== actor.userId && !isAdmin(actor)) throw orderErrors.notFound();
    const cancelled = cancelOrder(order, this.clock.now());
    await this.orders.save(cancelled, this.events.cancelled(cancelled, actor.userId));
    await this.checkout.giveBack(cancelled);
    return cancelled;
  }
}
