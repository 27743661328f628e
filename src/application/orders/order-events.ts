import { sellerIdsOf, type Order } from '../../domain/orders/order.js';
import { envelopeWithId } from '../shared/events/envelope.js';
import type { EventBus } from '../shared/events/event-bus.js';
import type { Clock } from '../shared/ports/clock.js';
import type { StockChange } from './ports/order-checkout.js';

/** The order.* events and the notifications that go with them. */
export class OrderEvents {
  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  async created(order: Order, stock: StockChange[]): Promise<void> {
    const items = order.items.map(({ listingId, sellerId, quantity, unitPrice }) => ({ listingId, sellerId, quantity, unitPrice }));
    await this.bus.publish('order.created', { orderId: order.id, buyerId: order.buyerId, sellerIds: sellerIdsOf(order), items, total: order.total, ...(order.auctionId ? { auctionId: order.auctionId } : {}) });
    await this.stockUpdated(stock);
    for (const sellerId of sellerIdsOf(order)) {
      await this.notify(sellerId, 'order.new', 'New order', `You sold items in order ${order.id}.`, order);
    }
  }

  async paid(order: Order): Promise<void> {
    await this.bus.publish('order.paid', { orderId: order.id, buyerId: order.buyerId, sellerIds: sellerIdsOf(order), total: order.total, paidAt: (order.paidAt ?? order.updatedAt).toISOString() });
    for (const sellerId of sellerIdsOf(order)) await this.notify(sellerId, 'order.paid', 'Order paid', `Order ${order.id} is paid: you can ship it.`, order);
  }

  /** The order reached its buyer through the delivery `deliveryId`. */
  /** Under an id of its own (`order.delivered:<id>`): published again after a crash, consumers see it once. */
  async delivered(order: Order, deliveryId: string): Promise<void> {
    const payload = { orderId: order.id, buyerId: order.buyerId, sellerIds: sellerIdsOf(order), deliveryId, deliveredAt: order.updatedAt.toISOString() };
    await this.bus.publishEnvelope(envelopeWithId(`order.delivered:${order.id}`, 'order.delivered', payload, this.clock));
  }

  async cancelled(order: Order, cancelledBy: string, stock: StockChange[]): Promise<void> {
    const items = order.items.map(({ listingId, quantity }) => ({ listingId, quantity }));
    await this.bus.publish('order.cancelled', { orderId: order.id, buyerId: order.buyerId, sellerIds: sellerIdsOf(order), cancelledBy, items });
    for (const change of stock) {
      const item = order.items.find((i) => i.listingId === change.listingId);
      if (item) await this.bus.publish('stock.released', { listingId: change.listingId, available: change.available, holderId: order.buyerId, quantity: item.quantity, reason: 'order_cancelled' });
    }
    await this.stockUpdated(stock);
  }

  private async stockUpdated(stock: StockChange[]): Promise<void> {
    for (const s of stock) await this.bus.publish('stock.updated', { listingId: s.listingId, available: s.available, quantityOnHand: s.onHand });
  }

  private async notify(userId: string, type: string, title: string, body: string, order: Order): Promise<void> {
    await this.bus.publish('notification.send', { userId, type, title, body, data: { orderId: order.id } });
  }
}
