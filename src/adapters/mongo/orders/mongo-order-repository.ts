import type { Collection, Db, Filter } from 'mongodb';
import type { OrderFilter, OrderRepository } from '../../../application/orders/ports/order-repository.js';
import type { PendingEvents } from '../../../application/shared/outbox/outbox.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import { internalOrderStatuses, orderErrors, type Order } from '../../../domain/orders/order.js';
import { decodeCursor, newestFirstPage } from '../../shared/newest-first-pages.js';
import {
  insertWithOutbox,
  replaceWithOutbox,
  type MongoOutboxStore,
  type OutboxFields,
} from '../shared/mongo-outbox.js';
import { newestFirstAfter } from '../shared/newest-first-filter.js';

type OrderDocument = Omit<Order, 'id'> & { _id: string; sellerIds: string[] } & OutboxFields;

/** Fields an order may lack: a save that drops one removes it, as a replace would. */
const optionalFields = [
  'deliveryId',
  'courierId',
  'paidAt',
  'cancelledAt',
  'auctionId',
  'shippingAddress',
  'checkoutKey',
  'payBy',
  'payment',
  'cancelReason',
  'refund',
  'secondChanceOf',
] as const;
const placed: Filter<OrderDocument> = { status: { $nin: [...internalOrderStatuses] } };

function toDocument(order: Order): OrderDocument {
  const { id, ...rest } = order;
  return { _id: id, ...rest, sellerIds: [...new Set(order.items.map((i) => i.sellerId))] };
}

/** The query of an OrderFilter (a seller matches through the stored `sellerIds`). */
function matching(filter: OrderFilter): Filter<OrderDocument> {
  const { status, buyerId, sellerId, courierId } = filter;
  return {
    ...(status === undefined ? {} : { status }),
    ...(buyerId === undefined ? {} : { buyerId }),
    ...(sellerId === undefined ? {} : { sellerIds: sellerId }),
    ...(courierId === undefined ? {} : { courierId }),
  };
}

function toOrder(document: OrderDocument): Order {
  const {
    _id,
    sellerIds: _sellerIds,
    outbox: _outbox,
    outboxPending: _pending,
    outboxLease: _lease,
    ...rest
  } = document;
  const order = { id: _id, ...rest } as Order;
  for (const key of optionalFields) if (order[key] == null) delete order[key];
  if (order.shippingAddress?.line2 == null) delete order.shippingAddress?.line2;
  return order;
}

/**
 * Orders in the `orders` collection. A write and its events are one document write: the events
 * wait in the order's own outbox (the single-document outbox) until the relay publishes them.
 */
export class MongoOrderRepository implements OrderRepository {
  private readonly collection: Collection<OrderDocument>;

  constructor(
    db: Db,
    private readonly outbox?: MongoOutboxStore,
  ) {
    const orders = db.collection<OrderDocument>('orders');
    this.collection = outbox ? outbox.serializedWrites(orders) : orders;
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ buyerId: 1, createdAt: -1, _id: -1 }, { name: 'buyer_newest' });
    await this.collection.createIndex({ sellerIds: 1, createdAt: -1, _id: -1 }, { name: 'seller_newest' });
    await this.collection.createIndex({ auctionId: 1 }, { name: 'auction' });
    await this.collection.createIndex({ buyerId: 1, checkoutKey: 1 }, { name: 'checkout_key' });
    await this.collection.createIndex({ status: 1, createdAt: 1 }, { name: 'status_created' });
    await this.collection.createIndex({ courierId: 1, createdAt: -1, _id: -1 }, { name: 'courier_newest' });
    await this.collection.createIndex({ createdAt: -1, _id: -1 }, { name: 'newest' });
    await this.collection.createIndex({ status: 1, payBy: 1 }, { name: 'status_pay_by' });
  }

  async create(order: Order, events: PendingEvents): Promise<void> {
    await this.collection.insertOne(insertWithOutbox(toDocument(order), events));
    this.outbox?.written(events);
  }

  async save(order: Order, events: PendingEvents): Promise<void> {
    const update = replaceWithOutbox(toDocument(order), events, optionalFields);
    const result = await this.collection.updateOne({ _id: order.id, version: order.version - 1 }, update);
    if (result.matchedCount === 1) return this.outbox?.written(events);
    throw (await this.collection.countDocuments({ _id: order.id }))
      ? orderErrors.concurrentUpdate()
      : orderErrors.notFound();
  }

  async findById(id: string): Promise<Order | null> {
    const document = await this.collection.findOne({ _id: id });
    return document ? toOrder(document) : null;
  }

  async findByAuctionId(auctionId: string): Promise<Order | null> {
    return this.newest({ auctionId, status: { $ne: 'failed' } });
  }

  async findByCheckoutKey(buyerId: string, checkoutKey: string): Promise<Order | null> {
    return this.newest({ buyerId, checkoutKey, status: { $ne: 'failed' } });
  }

  async listByAuctionId(auctionId: string): Promise<Order[]> {
    return (await this.collection.find({ auctionId }).sort({ createdAt: 1, _id: 1 }).toArray()).map(toOrder);
  }

  async listPaymentOverdue(now: Date, limit: number): Promise<Order[]> {
    const overdue = this.collection.find({ status: 'pending_payment', payBy: { $lte: now } });
    return (await overdue.sort({ payBy: 1 }).limit(limit).toArray()).map(toOrder);
  }

  async listPlacing(before: Date, limit: number): Promise<Order[]> {
    const stale = this.collection.find({ status: 'placing', createdAt: { $lt: before } });
    return (await stale.sort({ createdAt: 1 }).limit(limit).toArray()).map(toOrder);
  }

  async list(filter: OrderFilter, page: PageRequest): Promise<Page<Order>> {
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    const query = { $and: [matching(filter), placed, newestFirstAfter(after)] } as Filter<OrderDocument>;
    const documents = await this.collection
      .find(query)
      .sort({ createdAt: -1, _id: -1 })
      .limit(page.limit + 1)
      .toArray();
    return newestFirstPage(documents.map(toOrder), page.limit);
  }

  private async newest(filter: Filter<OrderDocument>): Promise<Order | null> {
    const [document] = await this.collection.find(filter).sort({ createdAt: -1, _id: -1 }).limit(1).toArray();
    return document ? toOrder(document) : null;
  }
}
