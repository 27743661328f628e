import type { Delivery, DeliveryStatus } from '../../../domain/delivery/delivery.js';
import type { TrackPoint } from '../../../domain/delivery/tracking-filter.js';
import type { PendingEvents } from '../../shared/outbox/outbox.js';
import type { Page, PageRequest } from '../../shared/ports/page.js';

/** One kept point appended to a delivery read at `version`. */
export interface TrackAppend {
  deliveryId: string;
  /** The version the point was judged against; the stored one becomes version + 1. */
  version: number;
  point: TrackPoint;
  /** The track keeps the newest this many points. */
  keepNewest: number;
  at: Date;
}

/** A delivery in a list: everything but its track (the last location is there). */
export type DeliverySummary = Omit<Delivery, 'track'>;

/** Which deliveries a list holds; every given field must match. */
export interface DeliveryFilter {
  courierId?: string;
  status?: DeliveryStatus;
}

/**
 * Deliveries. A change and the events it causes (`events`) are stored in one atomic step (the
 * outbox; the relay publishes them): both or neither, so a crash right after the write still
 * publishes and a refused write stores no event.
 */
export interface DeliveryRepository {
  /**
   * Stores a new delivery; DELIVERY_ALREADY_EXISTS when its order has one, also under racing creates (exactly one
   * wins).
   */
  create(delivery: Delivery): Promise<void>;
  findById(id: string): Promise<Delivery | null>;
  findByOrderId(orderId: string): Promise<Delivery | null>;
  /** The deliveries matching `filter`, without their tracks, newest first (createdAt, then id, descending). */
  list(filter: DeliveryFilter, page: PageRequest): Promise<Page<DeliverySummary>>;
  /**
   * Replaces the delivery if its stored version is `delivery.version - 1`; else DELIVERY_CONCURRENT_UPDATE (or
   * DELIVERY_NOT_FOUND).
   */
  save(delivery: Delivery, events: PendingEvents): Promise<void>;
  /**
   * Appends a point (it becomes lastLocation; the track keeps the newest `keepNewest`) if the stored
   * version is still `append.version`; else DELIVERY_CONCURRENT_UPDATE (or DELIVERY_NOT_FOUND).
   */
  appendPoint(append: TrackAppend, events: PendingEvents): Promise<void>;
}
export const DeliveryRepository = Symbol.for('DeliveryRepository');
