import { sellerIdsOf, type Order } from '../../domain/orders/order.js';
import type { EventEnvelope } from '../shared/events/envelope.js';
import type { EventFactory } from '../shared/events/event-factory.js';

/**
 * Builds the order.* events and the notifications that go with them; the order repository stores
 * them with the order's change (the outbox), so nothing here publishes.
 */
export class OrderEvents {
  constructor(private readonly factory: EventFactory) {}

  /** The order is placed (its stock is sold): `order.created`, and each seller is told. */
  created(order: Order): EventEnvelope[] {
    const items = order.items.map(({ listingId, sellerId, quantity, unitPrice }) => ({ listingId, sellerId, quantity, unitPrice }));
    const auction = order.auctionId ? { auctionId: order.auctionId } : {};
    return [
      this.factory.create('order.created', { ...this.ref(order), items, total: order.total, ...auction }),
      ...this.notifySellers(order, 'order.new', 'New order', `You sold items in order ${order.id}.`),
    ];
  }

  paid(order: Order): EventEnvelope[] {
    const paidAt = (order.paidAt ?? order.updatedAt).toISOString();
    return [
      this.factory.create('order.paid', { ...this.ref(order), total: order.total, paidAt }),
      ...this.notifySellers(order, 'order.paid', 'Order paid', `Order ${order.id} is paid: you can ship it.`),
    ];
  }

  /** The order reached its buyer through the delivery `deliveryId`; under an id of its own (`order.delivered:<id>`). */
  delivered(order: Order, deliveryId: string): EventEnvelope[] {
    const payload = { ...this.ref(order), deliveryId, deliveredAt: order.updatedAt.toISOString() };
    return [this.factory.withId(`order.delivered:${order.id}`, 'order.delivered', payload)];
  }

  /** `order.cancelled` carries the items, so that the cart module gives them back even if the canceller died first. */
  cancelled(order: Order, cancelledBy: string): EventEnvelope[] {
    const items = order.items.map(({ listingId, quantity }) => ({ listingId, quantity }));
    return [
      this.factory.create('order.cancelled', { ...this.ref(order), cancelledBy, items }),
      ...this.notifySellers(order, 'order.cancelled', 'Order cancelled', `Order ${order.id} was cancelled: do not ship it.`),
    ];
  }

  private ref(order: Order) {
    return { orderId: order.id, buyerId: order.buyerId, sellerIds: sellerIdsOf(order) };
  }

  private notifySellers(order: Order, type: string, title: string, body: string): EventEnvelope[] {
    const data = { orderId: order.id };
    return sellerIdsOf(order).map((userId) => this.factory.create('notification.send', { userId, type, title, body, data }));
  }
}
