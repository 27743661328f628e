import { sellerIdsOf, type Order } from '../../domain/orders/order.js';
import type { EventEnvelope } from '../shared/events/envelope.js';
import type { EventFactory } from '../shared/events/event-factory.js';

/**
 * Builds the order.* events and the notifications that go with them; the order repository stores
 * them with the order's change (the outbox), so nothing here publishes.
 */
export class OrderEvents {
  constructor(private readonly factory: EventFactory) {}

  /**
   * The order is placed (its stock is sold): `order.created`, and each seller is told; the buyer
   * of a second-chance offer is told that the item is theirs at their maximum bid.
   */
  created(order: Order): EventEnvelope[] {
    const items = order.items.map(({ listingId, sellerId, quantity, unitPrice }) => ({
      listingId,
      sellerId,
      quantity,
      unitPrice,
    }));
    const auction = order.auctionId ? { auctionId: order.auctionId } : {};
    return [
      this.factory.create('order.created', { ...this.ref(order), items, total: order.total, ...auction }),
      ...this.notifySellers(order, 'order.new', 'New order', `You sold items in order ${order.id}.`),
      ...(order.secondChanceOf ? [this.secondChanceOffer(order)] : []),
    ];
  }

  private secondChanceOffer(order: Order): EventEnvelope {
    const payBy = order.payBy ? ` Pay by ${order.payBy.toISOString()}.` : '';
    const data = { orderId: order.id, ...(order.auctionId ? { auctionId: order.auctionId } : {}) };
    const title = order.items[0]?.title ?? 'the item';
    const body = `The winner did not pay: ${title} is yours at your maximum bid (order ${order.id}).${payBy}`;
    return this.factory.create('notification.send', {
      userId: order.buyerId,
      type: 'auction.second_chance',
      title: 'Second chance offer',
      body,
      data,
    });
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

  /**
   * `order.cancelled` carries the items, so that the cart module gives them back even if the
   * canceller died first, and the reason and refund. An order is cancelled once, so its events
   * have ids derived from it (`order.cancelled:<id>`): a cancel written twice (racing writers on a
   * store whose conditional updates are not atomic) is deduplicated downstream. A payment timeout
   * tells the buyer too.
   */
  cancelled(order: Order, cancelledBy: string): EventEnvelope[] {
    const items = order.items.map(({ listingId, quantity }) => ({ listingId, quantity }));
    const { cancelReason, auctionId, refund } = order;
    const payload = {
      ...this.ref(order),
      cancelledBy,
      items,
      ...(cancelReason ? { cancelReason } : {}),
      ...(auctionId ? { auctionId } : {}),
      ...(refund ? { refund: { ...refund, refundedAt: refund.refundedAt.toISOString() } } : {}),
    };
    const timedOut = cancelReason === 'payment_timeout';
    const sellerBody = timedOut
      ? `Order ${order.id} was not paid in time and is cancelled: do not ship it.`
      : `Order ${order.id} was cancelled: do not ship it.`;
    return [
      this.factory.withId(`order.cancelled:${order.id}`, 'order.cancelled', payload),
      ...this.notify(order, sellerIdsOf(order), 'order.cancelled', 'Order cancelled', sellerBody),
      ...(timedOut
        ? this.notify(
            order,
            [order.buyerId],
            'order.payment_timeout',
            'Order cancelled',
            `Order ${order.id} was not paid in time and is cancelled.`,
          )
        : []),
    ];
  }

  /** Notifications of the cancel, under ids derived from the order and the user (written once, like the cancel). */
  private notify(order: Order, userIds: string[], type: string, title: string, body: string): EventEnvelope[] {
    const data = { orderId: order.id };
    return userIds.map((userId) =>
      this.factory.withId(`${type}:${order.id}:${userId}`, 'notification.send', { userId, type, title, body, data }),
    );
  }

  private ref(order: Order) {
    return { orderId: order.id, buyerId: order.buyerId, sellerIds: sellerIdsOf(order) };
  }

  private notifySellers(order: Order, type: string, title: string, body: string): EventEnvelope[] {
    const data = { orderId: order.id };
    return sellerIdsOf(order).map((userId) =>
      this.factory.create('notification.send', { userId, type, title, body, data }),
    );
  }
}
