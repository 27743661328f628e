import type { Delivery } from '../../domain/delivery/delivery.js';
import type { TrackPoint } from '../../domain/delivery/tracking-filter.js';
import type { EventBus } from '../shared/events/event-bus.js';

const iso = (date: Date | undefined, fallback: Date) => (date ?? fallback).toISOString();

/** The delivery.* events and the notifications that go with them. */
export class DeliveryEvents {
  constructor(private readonly bus: EventBus) {}

  async assigned(delivery: Delivery): Promise<void> {
    await this.bus.publish('delivery.assigned', { ...this.ref(delivery), courierId: this.courierOf(delivery) });
    await this.notify(this.courierOf(delivery), 'delivery.assigned', 'New delivery', `You deliver order ${delivery.orderId}.`, delivery);
    await this.notify(delivery.buyerId, 'delivery.assigned', 'Courier assigned', `A courier will deliver your order ${delivery.orderId}.`, delivery);
  }

  async pickedUp(delivery: Delivery): Promise<void> {
    await this.bus.publish('delivery.picked_up', { ...this.ref(delivery), courierId: this.courierOf(delivery), pickedUpAt: iso(delivery.pickedUpAt, delivery.updatedAt) });
  }

  /** A kept point of the track (dropped points are never published). */
  async located(delivery: Delivery, point: TrackPoint): Promise<void> {
    const { lat, lng, accuracy, recordedAt } = point;
    const payload = { deliveryId: delivery.id, courierId: this.courierOf(delivery), lat, lng, recordedAt: recordedAt.toISOString() };
    await this.bus.publish('delivery.location.updated', accuracy === undefined ? payload : { ...payload, accuracy });
  }

  async completed(delivery: Delivery): Promise<void> {
    await this.bus.publish('delivery.completed', { ...this.ref(delivery), courierId: this.courierOf(delivery), completedAt: iso(delivery.deliveredAt, delivery.updatedAt) });
    for (const userId of new Set([delivery.buyerId, ...delivery.sellerIds])) {
      await this.notify(userId, 'delivery.completed', 'Order delivered', `Order ${delivery.orderId} has been delivered.`, delivery);
    }
  }

  private ref(delivery: Delivery) {
    return { deliveryId: delivery.id, orderId: delivery.orderId, buyerId: delivery.buyerId, sellerIds: delivery.sellerIds };
  }

  /** Every event after assignment has a courier; a missing one is a programming error. */
  private courierOf(delivery: Delivery): string {
    if (delivery.courierId === null) throw new Error(`delivery ${delivery.id} has no courier`);
    return delivery.courierId;
  }

  private async notify(userId: string, type: string, title: string, body: string, delivery: Delivery): Promise<void> {
    await this.bus.publish('notification.send', { userId, type, title, body, data: { deliveryId: delivery.id, orderId: delivery.orderId } });
  }
}
