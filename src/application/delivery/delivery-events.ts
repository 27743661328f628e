import type { Delivery } from '../../domain/delivery/delivery.js';
import type { TrackPoint } from '../../domain/delivery/tracking-filter.js';
import type { EventEnvelope } from '../shared/events/envelope.js';
import type { EventFactory } from '../shared/events/event-factory.js';
import type { PendingEvents } from '../shared/outbox/outbox.js';

const iso = (date: Date | undefined, fallback: Date) => (date ?? fallback).toISOString();

/**
 * Builds the delivery.* events and the notifications that go with them. They are stored with the
 * delivery's change (DeliveryRepository), never published from here.
 */
export class DeliveryEvents {
  constructor(private readonly events: EventFactory) {}

  assigned(delivery: Delivery): PendingEvents {
    const courierId = this.courierOf(delivery);
    return [
      this.events.create('delivery.assigned', { ...this.ref(delivery), courierId }),
      this.notice(courierId, 'delivery.assigned', 'New delivery', `You deliver order ${delivery.orderId}.`, delivery),
      this.notice(delivery.buyerId, 'delivery.assigned', 'Courier assigned', `A courier will deliver your order ${delivery.orderId}.`, delivery),
    ];
  }

  pickedUp(delivery: Delivery): PendingEvents {
    const pickedUpAt = iso(delivery.pickedUpAt, delivery.updatedAt);
    return [this.events.create('delivery.picked_up', { ...this.ref(delivery), courierId: this.courierOf(delivery), pickedUpAt })];
  }

  /** A kept point of the track (dropped points have no event). */
  located(delivery: Delivery, point: TrackPoint): PendingEvents {
    const { lat, lng, accuracy, recordedAt } = point;
    const payload = { deliveryId: delivery.id, courierId: this.courierOf(delivery), lat, lng, recordedAt: recordedAt.toISOString() };
    return [this.events.create('delivery.location.updated', accuracy === undefined ? payload : { ...payload, accuracy })];
  }

  completed(delivery: Delivery): PendingEvents {
    const completedAt = iso(delivery.deliveredAt, delivery.updatedAt);
    const parties = [...new Set([delivery.buyerId, ...delivery.sellerIds])];
    return [
      this.events.create('delivery.completed', { ...this.ref(delivery), courierId: this.courierOf(delivery), completedAt }),
      ...parties.map((userId) => this.notice(userId, 'delivery.completed', 'Order delivered', `Order ${delivery.orderId} has been delivered.`, delivery)),
    ];
  }

  private ref(delivery: Delivery) {
    return { deliveryId: delivery.id, orderId: delivery.orderId, buyerId: delivery.buyerId, sellerIds: delivery.sellerIds };
  }

  /** Every event after assignment has a courier; a missing one is a programming error. */
  private courierOf(delivery: Delivery): string {
    if (delivery.courierId === null) throw new Error(`delivery ${delivery.id} has no courier`);
    return delivery.courierId;
  }

  private notice(userId: string, type: string, title: string, body: string, delivery: Delivery): EventEnvelope {
    return this.events.create('notification.send', { userId, type, title, body, data: { deliveryId: delivery.id, orderId: delivery.orderId } });
  }
}
