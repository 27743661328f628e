import type { Order, orderStatuses } from '../../../domain/orders/order.js';
import type { PendingEvents } from '../../shared/outbox/outbox.js';
import type { Page, PageRequest } from '../../shared/ports/page.js';

/** Which placed orders a list holds; every given field must match. */
export interface OrderFilter {
  status?: (typeof orderStatuses)[number];
  buyerId?: string;
  /** Orders with at least one item of this seller. */
  sellerId?: string;
  /** Orders whose delivery this courier has (as the order last heard from the delivery module). */
  courierId?: string;
}

/**
 * Orders. A write stores the events its change causes (`events`) in the same atomic step as the
 * order (the transactional outbox): both are stored or neither; the outbox relay publishes them.
 * Orders still `placing`, or `failed`, are internal: the lists leave them out.
 */
export interface OrderRepository {
  create(order: Order, events: PendingEvents): Promise<void>;
  /**
   * Replaces the order if its stored version is `order.version - 1`; else ORDER_CONCURRENT_UPDATE
   * (or ORDER_NOT_FOUND), and no event is stored.
   */
  save(order: Order, events: PendingEvents): Promise<void>;
  /** Any order, whatever its status. */
  findById(id: string): Promise<Order | null>;
  /** The order of an auction's winner (placing or placed, not a failed attempt), if any. */
  findByAuctionId(auctionId: string): Promise<Order | null>;
  /**
   * The newest order (placing or placed, not a failed attempt) that a checkout sent with this Idempotency-Key created.
   */
  findByCheckoutKey(buyerId: string, checkoutKey: string): Promise<Order | null>;
  /**
   * Every order of an auction (its winner's, then any second-chance offers), failed attempts included, oldest first.
   */
  listByAuctionId(auctionId: string): Promise<Order[]>;
  /**
   * Orders `pending_payment` whose `payBy` is at or before `now`, earliest deadline first (the sweeper cancels them).
   */
  listPaymentOverdue(now: Date, limit: number): Promise<Order[]>;
  /** Orders still `placing` that were created before `before`, oldest first (the sweeper settles them). */
  listPlacing(before: Date, limit: number): Promise<Order[]>;
  /** Placed orders matching `filter`, newest first (createdAt, then id, descending). */
  list(filter: OrderFilter, page: PageRequest): Promise<Page<Order>>;
}
export const OrderRepository = Symbol.for('OrderRepository');
