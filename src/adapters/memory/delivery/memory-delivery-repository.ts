import type {
  DeliveryFilter,
  DeliveryRepository,
  DeliverySummary,
  TrackAppend,
} from '../../../application/delivery/ports/delivery-repository.js';
import type { PendingEvents } from '../../../application/shared/outbox/outbox.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import { deliveryErrors, withTrackPoint, type Delivery } from '../../../domain/delivery/delivery.js';
import { decodeCursor, isAfter, newestFirst, newestFirstPage } from '../../shared/newest-first-pages.js';
import type { MemoryOutbox } from '../shared/memory-outbox.js';
import { deepCopy } from '../shared/deep-copy.js';

/**
 * DeliveryRepository in process memory. Every method decides and writes before its first await
 * (there is none), so each is atomic within the process: of racing creates for one order one wins,
 * of racing changes of one version one wins. A change appends its events to the memory outbox in
 * the same step.
 */
export class MemoryDeliveryRepository implements DeliveryRepository {
  private readonly deliveries = new Map<string, Delivery>();

  constructor(private readonly outbox: MemoryOutbox) {}

  async create(delivery: Delivery): Promise<void> {
    if (this.deliveries.has(delivery.id)) throw new Error(`delivery ${delivery.id} is already stored`);
    if (this.byOrder(delivery.orderId)) throw deliveryErrors.alreadyExists(delivery.orderId);
    this.deliveries.set(delivery.id, deepCopy(delivery));
  }

  async findById(id: string): Promise<Delivery | null> {
    const delivery = this.deliveries.get(id);
    return delivery ? deepCopy(delivery) : null;
  }

  async findByOrderId(orderId: string): Promise<Delivery | null> {
    const delivery = this.byOrder(orderId);
    return delivery ? deepCopy(delivery) : null;
  }

  async list(filter: DeliveryFilter, page: PageRequest): Promise<Page<DeliverySummary>> {
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    const matches = (d: Delivery) =>
      (filter.courierId === undefined || d.courierId === filter.courierId) &&
      (filter.status === undefined || d.status === filter.status) &&
      (!after || isAfter(d, after));
    const fetched = [...this.deliveries.values()]
      .filter(matches)
      .sort(newestFirst)
      .slice(0, page.limit + 1);
    return newestFirstPage(
      fetched.map(({ track: _track, ...summary }) => deepCopy(summary)),
      page.limit,
    );
  }

  async save(delivery: Delivery, events: PendingEvents): Promise<void> {
    this.storedAt(delivery.id, delivery.version - 1);
    this.store(deepCopy(delivery), events);
  }

  async appendPoint(append: TrackAppend, events: PendingEvents): Promise<void> {
    const stored = this.storedAt(append.deliveryId, append.version);
    this.store(withTrackPoint(stored, deepCopy(append.point), append.keepNewest, append.at), events);
  }

  private store(delivery: Delivery, events: PendingEvents): void {
    this.deliveries.set(delivery.id, delivery);
    this.outbox.append(`deliveries:${delivery.id}`, events);
  }

  /** The stored delivery if it is at `version`; DELIVERY_NOT_FOUND or DELIVERY_CONCURRENT_UPDATE otherwise. */
  private storedAt(id: string, version: number): Delivery {
    const stored = this.deliveries.get(id);
    if (!stored) throw deliveryErrors.notFound();
    if (stored.version !== version) throw deliveryErrors.concurrentUpdate();
    return stored;
  }

  private byOrder(orderId: string): Delivery | undefined {
    return [...this.deliveries.values()].find((d) => d.orderId === orderId);
  }
}
