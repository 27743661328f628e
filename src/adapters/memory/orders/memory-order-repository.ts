import type { OrderFilter, OrderRepository } from '../../../application/orders/ports/order-repository.js';
import type { PendingEvents } from '../../../application/shared/outbox/outbox.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import { isPlaced, orderErrors, sellerIdsOf, type Order } from '../../../domain/orders/order.js';
import { decodeCursor, isAfter, newestFirst, newestFirstPage } from '../../shared/newest-first-pages.js';
import type { MemoryOutbox } from '../shared/memory-outbox.js';
import { deepCopy } from '../shared/deep-copy.js';

const oldestFirst = (a: Order, b: Order): number =>
  a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
const newest = (orders: Order[]): Order | null => orders.sort(newestFirst)[0] ?? null;

/** Orders in process memory; each write appends its events to the memory outbox in the same synchronous step. */
export class MemoryOrderRepository implements OrderRepository {
  private readonly orders = new Map<string, Order>();

  constructor(private readonly outbox: MemoryOutbox) {}

  async create(order: Order, events: PendingEvents): Promise<void> {
    if (this.orders.has(order.id)) throw new Error(`order ${order.id} exists already`);
    this.orders.set(order.id, deepCopy(order));
    this.outbox.append(`order:${order.id}`, events);
  }

  async save(order: Order, events: PendingEvents): Promise<void> {
    const stored = this.orders.get(order.id);
    if (!stored) throw orderErrors.notFound();
    if (stored.version !== order.version - 1) throw orderErrors.concurrentUpdate();
    this.orders.set(order.id, deepCopy(order));
    this.outbox.append(`order:${order.id}`, events);
  }

  async findById(id: string): Promise<Order | null> {
    const order = this.orders.get(id);
    return order ? deepCopy(order) : null;
  }

  async findByAuctionId(auctionId: string): Promise<Order | null> {
    const order = newest(this.matching((o) => o.auctionId === auctionId && o.status !== 'failed'));
    return order ? deepCopy(order) : null;
  }

  async findByCheckoutKey(buyerId: string, checkoutKey: string): Promise<Order | null> {
    const order = newest(
      this.matching((o) => o.buyerId === buyerId && o.checkoutKey === checkoutKey && o.status !== 'failed'),
    );
    return order ? deepCopy(order) : null;
  }

  async listByAuctionId(auctionId: string): Promise<Order[]> {
    return this.matching((o) => o.auctionId === auctionId)
      .sort(oldestFirst)
      .map(deepCopy);
  }

  async listPaymentOverdue(now: Date, limit: number): Promise<Order[]> {
    const overdue = this.matching((o) => o.status === 'pending_payment' && o.payBy !== undefined && o.payBy <= now);
    return overdue
      .sort((a, b) => a.payBy!.getTime() - b.payBy!.getTime())
      .slice(0, limit)
      .map(deepCopy);
  }

  async listPlacing(before: Date, limit: number): Promise<Order[]> {
    const placing = this.matching((o) => o.status === 'placing' && o.createdAt < before);
    return placing.sort(oldestFirst).slice(0, limit).map(deepCopy);
  }

  async list(filter: OrderFilter, page: PageRequest): Promise<Page<Order>> {
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    const listed = this.matching((o) => isPlaced(o) && matches(o, filter) && (!after || isAfter(o, after)));
    const fetched = listed.sort(newestFirst).slice(0, page.limit + 1);
    return newestFirstPage(fetched.map(deepCopy), page.limit);
  }

  private matching(predicate: (order: Order) => boolean): Order[] {
    return [...this.orders.values()].filter(predicate);
  }
}

function matches(order: Order, filter: OrderFilter): boolean {
  return (
    (filter.status === undefined || order.status === filter.status) &&
    (filter.buyerId === undefined || order.buyerId === filter.buyerId) &&
    (filter.sellerId === undefined || sellerIdsOf(order).includes(filter.sellerId)) &&
    (filter.courierId === undefined || order.courierId === filter.courierId)
  );
}
