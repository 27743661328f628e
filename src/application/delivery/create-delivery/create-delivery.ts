import { createDelivery, deliveryErrors, type Delivery } from '../../../domain/delivery/delivery.js';
import { isAdmin, type Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/id-generator.js';
import type { DeliveryOrders, OrderForDelivery } from '../ports/delivery-orders.js';
import type { DeliveryRepository } from '../ports/delivery-repository.js';

/** The order as the actor may see it (its buyer, a seller, an admin); 404 for anyone else. */
async function visibleOrder(orders: DeliveryOrders, orderId: string, actor: Actor): Promise<OrderForDelivery> {
  const order = await orders.order(orderId);
  const visible = order && (order.buyerId === actor.userId || order.sellerIds.includes(actor.userId) || isAdmin(actor));
  if (!order || !visible) throw deliveryErrors.orderNotFound();
  return order;
}

/** A seller of a paid order (or an admin) asks for its delivery; one delivery per order. */
export class CreateDelivery {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly orders: DeliveryOrders,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, orderId: string): Promise<Delivery> {
    const order = await visibleOrder(this.orders, orderId, actor);
    if (!order.sellerIds.includes(actor.userId) && !isAdmin(actor)) throw deliveryErrors.notSeller();
    if (await this.deliveries.findByOrderId(orderId)) throw deliveryErrors.alreadyExists(orderId);
    if (order.status !== 'paid') throw deliveryErrors.orderNotPaid(order.status);
    const delivery = createDelivery({
      id: this.ids.next(),
      orderId,
      buyerId: order.buyerId,
      sellerIds: order.sellerIds,
      at: this.clock.now(),
    });
    await this.deliveries.create(delivery);
    return delivery;
  }
}
