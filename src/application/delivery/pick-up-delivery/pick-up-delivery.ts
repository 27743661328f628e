import { deliveryErrors, pickUp, type Delivery } from '../../../domain/delivery/delivery.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { DeliveryEvents } from '../delivery-events.js';
import { changeDelivery } from '../delivery-updates.js';
import type { DeliveryOrders } from '../ports/delivery-orders.js';
import type { DeliveryRepository } from '../ports/delivery-repository.js';

/**
 * Its courier takes the parcel (assigned -> in_transit), stored with delivery.picked_up; the orders
 * module then marks the order shipped. Picking up again is 409.
 */
export class PickUpDelivery {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly orders: DeliveryOrders,
    private readonly events: DeliveryEvents,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, deliveryId: string): Promise<Delivery> {
    return changeDelivery(this.deliveries, actor, deliveryId, {
      apply: async (delivery) => {
        const next = pickUp(delivery, actor.userId, this.clock.now());
        await this.assertOrderOpen(delivery.orderId);
        return next;
      },
      events: (picked) => this.events.pickedUp(picked),
    });
  }

  /** A buyer may cancel a paid order until it ships: then there is nothing to pick up. */
  private async assertOrderOpen(orderId: string): Promise<void> {
    const order = await this.orders.order(orderId);
    if (!order || order.status === 'cancelled') throw deliveryErrors.orderCancelled();
  }
}
