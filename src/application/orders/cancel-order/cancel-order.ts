import { cancelOrder, orderErrors, type Order } from '../../../domain/orders/order.js';
import { isAdmin, type Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/ports/clock.js';
import { loadVisibleOrder } from '../order-access.js';
import type { OrderEvents } from '../order-events.js';
import type { OrderCheckout } from '../ports/order-checkout.js';
import type { OrderRepository } from '../ports/order-repository.js';

/** The buyer or an admin cancels before shipping; the stock goes back. */
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
    await this.orders.save(cancelled);
    const stock = await this.checkout.giveBack(order.items);
    await this.events.cancelled(cancelled, actor.userId, stock);
    return cancelled;
  }
}
