import type { Collection, Db, Filter } from 'mongodb';
import type {
  DeliveryFilter,
  DeliveryRepository,
  DeliverySummary,
  TrackAppend,
} from '../../../application/delivery/ports/delivery-repository.js';
import type { PendingEvents } from '../../../application/shared/outbox/outbox.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import { deliveryErrors, type Delivery } from '../../../domain/delivery/delivery.js';
import type { TrackPoint } from '../../../domain/delivery/tracking-filter.js';
import { decodeCursor, newestFirstPage } from '../../shared/newest-first-pages.js';
import { isDuplicateKeyError } from '../shared/errors.js';
import { appendOutbox, replaceWithOutbox, type MongoOutboxStore } from '../shared/mongo-outbox.js';
import { newestFirstAfter } from '../shared/newest-first-filter.js';

type DeliveryDocument = Omit<Delivery, 'id'> & { _id: string };

const OPTIONAL_DATES = ['assignedAt', 'pickedUpAt', 'deliveredAt', 'cancelledAt'] as const;

/** Undefined optional fields are left out: the driver would store them as null. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const pointToDocument = (point: TrackPoint): TrackPoint => withoutUndefined(point);

function pointOf(document: TrackPoint): TrackPoint {
  const { lat, lng, accuracy, recordedAt } = document;
  return { lat, lng, ...(accuracy == null ? {} : { accuracy }), recordedAt };
}

function toDocument(delivery: Delivery): DeliveryDocument {
  const { id, lastLocation, track, ...rest } = delivery;
  return {
    _id: id,
    ...withoutUndefined(rest),
    lastLocation: lastLocation && pointToDocument(lastLocation),
    track: track.map(pointToDocument),
  };
}

/** Field by field: the document's outbox fields stay out of the delivery. */
function toDelivery(document: DeliveryDocument): Delivery {
  const delivery: Delivery = {
    id: document._id,
    orderId: document.orderId,
    buyerId: document.buyerId,
    sellerIds: document.sellerIds,
    courierId: document.courierId,
    status: document.status,
    lastLocation: document.lastLocation && pointOf(document.lastLocation),
    track: document.track.map(pointOf),
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
    version: document.version,
  };
  for (const key of OPTIONAL_DATES) if (document[key] != null) delivery[key] = document[key];
  return delivery;
}

function withoutTrack(delivery: Delivery): DeliverySummary {
  const { track: _track, ...summary } = delivery;
  return summary;
}

/**
 * Deliveries in the `deliveries` collection. One per order: a unique index on orderId (an insert's
 * violation is atomic on MongoDB and FerretDB alike). Changes are conditional on the version read;
 * a point is appended with $push/$slice rather than by rewriting the track. A change's events go
 * into the document's outbox in the same update (never a replace, which would drop pending ones).
 */
export class MongoDeliveryRepository implements DeliveryRepository {
  private readonly collection: Collection<DeliveryDocument>;

  constructor(
    db: Db,
    private readonly outbox: MongoOutboxStore,
  ) {
    this.collection = outbox.serializedWrites(db.collection<DeliveryDocument>('deliveries'));
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ orderId: 1 }, { name: 'one_per_order', unique: true });
    await this.collection.createIndex({ createdAt: -1, _id: -1 }, { name: 'newest' });
    await this.collection.createIndex({ courierId: 1, createdAt: -1, _id: -1 }, { name: 'courier_newest' });
  }

  async create(delivery: Delivery): Promise<void> {
    try {
      await this.collection.insertOne(toDocument(delivery));
    } catch (error) {
      if (isDuplicateKeyError(error, 'orderId') && (await this.findByOrderId(delivery.orderId)))
        throw deliveryErrors.alreadyExists(delivery.orderId);
      throw error;
    }
  }

  async findById(id: string): Promise<Delivery | null> {
    const document = await this.collection.findOne({ _id: id });
    return document ? toDelivery(document) : null;
  }

  async findByOrderId(orderId: string): Promise<Delivery | null> {
    const document = await this.collection.findOne({ orderId });
    return document ? toDelivery(document) : null;
  }

  async list(filter: DeliveryFilter, page: PageRequest): Promise<Page<DeliverySummary>> {
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    const { courierId, status } = filter;
    const matching = { ...(courierId === undefined ? {} : { courierId }), ...(status === undefined ? {} : { status }) };
    const query = { $and: [matching, newestFirstAfter(after)] } as Filter<DeliveryDocument>;
    const found = this.collection
      .find(query, { projection: { track: 0, outbox: 0 } })
      .sort({ createdAt: -1, _id: -1 })
      .limit(page.limit + 1);
    const documents = await found.toArray();
    return newestFirstPage(
      documents.map((document) => withoutTrack(toDelivery({ ...document, track: [] }))),
      page.limit,
    );
  }

  async save(delivery: Delivery, events: PendingEvents): Promise<void> {
    const update = replaceWithOutbox(toDocument(delivery), events, OPTIONAL_DATES);
    const result = await this.collection.updateOne({ _id: delivery.id, version: delivery.version - 1 }, update);
    if (result.matchedCount !== 1) return this.whyNotMatched(delivery.id);
    this.outbox.written(events);
  }

  async appendPoint(append: TrackAppend, events: PendingEvents): Promise<void> {
    const point = pointToDocument(append.point);
    const version = append.version + 1;
    const outbox = appendOutbox(events);
    const after = await this.collection.findOneAndUpdate(
      { _id: append.deliveryId, version: append.version },
      {
        $push: { track: { $each: [point], $slice: -append.keepNewest }, ...outbox.$push },
        $set: { lastLocation: point, updatedAt: append.at, version, ...outbox.$set },
      },
      { returnDocument: 'after' },
    );
    if (!after) return this.whyNotMatched(append.deliveryId);
    this.outbox.written(events);
    if (after.track.length > append.keepNewest)
      await this.trim(append.deliveryId, version, after.track.slice(-append.keepNewest));
  }

  /**
   * FerretDB ignores $push's $slice: the track is cut back right after, unless another change has
   * followed already (its own append trims then).
   */
  private async trim(id: string, version: number, track: TrackPoint[]): Promise<void> {
    await this.collection.updateOne({ _id: id, version }, { $set: { track } });
  }

  private async whyNotMatched(id: string): Promise<never> {
    throw (await this.collection.countDocuments({ _id: id }))
      ? deliveryErrors.concurrentUpdate()
      : deliveryErrors.notFound();
  }
}
