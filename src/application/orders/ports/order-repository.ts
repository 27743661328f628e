import type { Order } from '../../../domain/orders/order.js';
import type { Page, PageRequest } from '../../shared/ports/page.js';

export interface OrderRepository {
  create(order: Order): Promise<void>;
  /** Replaces the order if its stored version is `order.version - 1`; else ORDER_CONCURRENT_UPDATE (or ORDER_NOT_FOUND). */
  save(order: Order): Promise<void>;
  findById(id: string): Promise<Order | null>;
  /** The order of an auction's winner, if created. */
  findByAuctionId(auctionId: string): Promise<Order | null>;
  /** Newest first. */
  listByBuyer(buyerId: string, page: PageRequest): Promise<Page<Order>>;
  /** Orders with at least one item of this seller, newest first. */
  listBySeller(sellerId: string, page: PageRequest): Promise<Page<Order>>;
}
export const OrderRepository = Symbol.for('OrderRepository');
