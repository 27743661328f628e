import type { OrderRepository } from '../../../application/orders/ports/order-repository.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import { orderErrors, sellerIdsOf, type Order } from '../../../domain/orders/order.js';
import { decodeCursor, isAfter, newestFirst, newestFirstPage } from '../../shared/newest-first-pages.js';

const copy = (order: Order): Order => structuredClone(order);

export class MemoryOrderRepository implements OrderRepository {
  private readonly orders = new Map<string, Order>();

  async create(order: Order): Promise<void> {
    this.orders.set(order.id, copy(order));
  }

  async save(order: Order): Promise<void> {
    const stored = this.orders.get(order.id);
    if (!stored) throw orderErrors.notFound();
    if (stored.version !== order.version - 1) throw orderErrors.concurrentUpdate();
    this.orders.set(order.id, copy(order));
  }

  async findById(id: string): Promise<Order | null> {
    const order = this.orders.get(id);
    return order ? copy(order) : null;
  }

  async findByAuctionId(auctionId: string): Promise<Order | null> {
    const order = [...this.orders.values()].find((o) => o.auctionId === auctionId);
    return order ? copy(order) : null;
  }

  listByBuyer(buyerId: string, page: PageRequest): Promise<Page<Order>> {
    return this.list((o) => o.buyerId === buyerId, page);
  }

  listBySeller(sellerId: string, page: PageRequest): Promise<Page<Order>> {
    return this.list((o) => sellerIdsOf(o).includes(sellerId), page);
  }

  private async list(matches: (order: Order) => boolean, page: PageRequest): Promise<Page<Order>> {
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    const fetched = [...this.orders.values()].filter((o) => matches(o) && (!after || isAfter(o, after))).sort(newestFirst).slice(0, page.limit + 1);
    return newestFirstPage(fetched.map(copy), page.limit);
  }
}
