import type { Delivery } from '../../domain/delivery/delivery.js';
import type { TrackPoint } from '../../domain/delivery/tracking-filter.js';
import type { EventEnvelope } from '../shared/events/envelope.js';
import type { EventFactory } from '../shared/events/event-factory.js';
import type { PendingEvents } from '../shared/outbox/outbox.js';

const iso = (date: Date | undefined, fallback: Date) => (date ?? fallback).toISOString();

interface Notice {
  type: string;
  title: string;
  body: string;
}

/**
 * Builds the delivery.* events and the notifications that go with them. They are stored with the
 * delivery's change (DeliveryRepository), never published from here.
 */
export class DeliveryEvents {
  constructor(private readonly events: EventFactory) {}

  /** `previousCourierId`: the courier it had before (a reassignment), named in the event so that they lose access. */
  assigned(delivery: Delivery, previousCourierId: string | null): PendingEvents {
    const courierId = this.courierOf(delivery);
    const [type, order] = ['delivery.assigned', delivery.orderId];
    const toBuyer = { type, title: 'Courier assigned', body: `A courier will deliver your order ${order}.` };
    const replaced = previousCourierId === null ? {} : { previousCourierId };
    return [
      this.events.create('delivery.assigned', { ...this.ref(delivery), courierId, ...replaced }),
      this.notice(delivery, courierId, { type, title: 'New delivery', body: `You deliver order ${order}.` }),
      this.notice(delivery, delivery.buyerId, toBuyer),
    ];
  }

  /** An admin's command on the delivery, for the audit log (stored with the change it made). */
  adminAction(adminId: string, action: 'delivery.assign', delivery: Delivery): EventEnvelope {
    return this.events.create('admin.action', {
      actorId: adminId,
      action,
      targetType: 'delivery',
      targetId: delivery.id,
    });
  }

  pickedUp(delivery: Delivery): PendingEvents {
    const pickedUpAt = iso(delivery.pickedUpAt, delivery.updatedAt);
    return [this.events.create('delivery.picked_up', { ...this.courierRef(delivery), pickedUpAt })];
  }

  /** A kept point of the track (dropped points have no event). */
  located(delivery: Delivery, point: TrackPoint): PendingEvents {
    const { lat, lng, accuracy, recordedAt } = point;
    const courierId = this.courierOf(delivery);
    const payload = { deliveryId: delivery.id, courierId, lat, lng, recordedAt: recordedAt.toISOString() };
    const withAccuracy = accuracy === undefined ? payload : { ...payload, accuracy };
    return [this.events.create('delivery.location.updated', withAccuracy)];
  }

  completed(delivery: Delivery): PendingEvents {
    const completedAt = iso(delivery.deliveredAt, delivery.updatedAt);
    const body = `Order ${delivery.orderId} has been delivered.`;
    const notice = { type: 'delivery.completed', title: 'Order delivered', body };
    const parties = [...new Set([delivery.buyerId, ...delivery.sellerIds])];
    return [
      this.events.create('delivery.completed', { ...this.courierRef(delivery), completedAt }),
      ...parties.map((userId) => this.notice(delivery, userId, notice)),
    ];
  }

  /** Its order was cancelled: its courier, if it has one, is told not to deliver it. */
  cancelled(delivery: Delivery): PendingEvents {
    if (delivery.courierId === null) return [];
    const notice = {
      type: 'delivery.cancelled',
      title: 'Delivery cancelled',
      body: `Order ${delivery.orderId} was cancelled: do not deliver it.`,
    };
    return [this.notice(delivery, delivery.courierId, notice)];
  }

  private ref(delivery: Delivery) {
    return {
      deliveryId: delivery.id,
      orderId: delivery.orderId,
      buyerId: delivery.buyerId,
      sellerIds: delivery.sellerIds,
    };
  }

  private courierRef(delivery: Delivery) {
    return { ...this.ref(delivery), courierId: this.courierOf(delivery) };
  }

  /** Every event after assignment has a courier; a missing one is a programming error. */
  private courierOf(delivery: Delivery): string {
    if (delivery.courierId === null) throw new Error(`delivery ${delivery.id} has no courier`);
    return delivery.courierId;
  }

  private notice(delivery: Delivery, userId: string, notice: Notice): EventEnvelope {
    const data = { deliveryId: delivery.id, orderId: delivery.orderId };
    return this.events.create('notification.send', { userId, ...notice, data });
  }
}
