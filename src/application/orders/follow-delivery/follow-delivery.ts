import { markDelivered, markShipped, type Order } from '../../../domain/orders/order.js';
import type { EventEnvelope } from '../../shared/events/envelope.js';
import type { OrderEvents } from '../order-events.js';
import type { OrderRepository } from '../ports/order-repository.js';

/**
 * Consumer of `delivery.assigned` (the order records its courier, who may then see it),
 * `delivery.picked_up` (the order becomes `shipped` and records its deliveryId) and
 * `delivery.completed` (`delivered`, stored with `order.delivered` in one write). Idempotent: an
 * order already at or past that status is left alone. A completion seen before the pickup (a
 * redelivered pickup that is still being retried) ships and delivers at once. A lost save race
 * throws, so the bus retries.
 */
export class FollowDelivery {
  static readonly consumer = 'orders.follow-delivery';

  constructor(
    private readonly orders: OrderRepository,
    private readonly events: OrderEvents,
  ) {}

  async handle(event: EventEnvelope<'delivery.assigned' | 'delivery.picked_up' | 'delivery.completed'>): Promise<void> {
    const { payload } = event;
    const order = await this.orders.findById(payload.orderId);
    if (!order) return;
    if ('pickedUpAt' in payload) await this.shipped(order, payload.deliveryId, new Date(payload.pickedUpAt));
    else if ('completedAt' in payload) await this.delivered(order, payload.deliveryId, new Date(payload.completedAt));
    else await this.assigned(order, payload.courierId);
  }

  /** A reassignment replaces the courier; after delivery the order keeps the one who delivered it. */
  private async assigned(order: Order, courierId: string): Promise<void> {
    if (order.courierId === courierId || (order.status !== 'paid' && order.status !== 'shipped')) return;
    await this.orders.save({ ...order, courierId, version: order.version + 1 }, []);
  }

  private async shipped(order: Order, deliveryId: string, at: Date): Promise<void> {
    if (order.status !== 'paid') return;
    await this.orders.save({ ...markShipped(order, at), deliveryId }, []);
  }

  private async delivered(order: Order, deliveryId: string, at: Date): Promise<void> {
    if (order.status !== 'paid' && order.status !== 'shipped') return;
    // Shipped and delivered in one save, so one version step.
    const shipped = order.status === 'paid' ? { ...markShipped(order, at), version: order.version } : order;
    const delivered = { ...markDelivered(shipped, at), deliveryId };
    await this.orders.save(delivered, this.events.delivered(delivered, deliveryId));
  }
}
