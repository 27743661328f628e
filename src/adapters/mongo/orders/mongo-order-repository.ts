import type { Collection, Db, Filter } from 'mongodb';
import type { OrderRepository } from '../../../application/orders/ports/order-repository.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import { orderErrors, type Order } from '../../../domain/orders/order.js';
import { decodeCursor, newestFirstPage } from '../../shared/newest-first-pages.js';
import { newestFirstAfter } from '../shared/newest-first-filter.js';

type OrderDocument = Omit<Order, 'id'> & { _id: string; sellerIds: string[] };

function toDocument(order: Order): OrderDocument {
  const { id, ...rest } = order;
  return { _id: id, ...rest, sellerIds: [...new Set(order.items.map((i) => i.sellerId))] };
}

function toOrder(document: OrderDocument): Order {
  const { _id, sellerIds: _sellerIds, ...rest } = document;
  const order = { id: _id, ...rest } as Order;
  for (const key of ['deliveryId', 'courierId', 'paidAt', 'cancelledAt', 'auctionId', 'shippingAddress'] as const) if (order[key] == null) delete order[key];
  if (order.shippingAddress?.line2 == null) delete order.shippingAddress?.line2;
  return order;
}

export class MongoOrderRepository implements OrderRepository {
  private readonly collection: Collection<OrderDocument>;

  constructor(db: Db) {
    this.collection = db.collection<OrderDocument>('orders');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ buyerId: 1, createdAt: -1, _id: -1 }, { name: 'buyer_newest' });
    await this.collection.createIndex({ sellerIds: 1, createdAt: -1, _id: -1 }, { name: 'seller_newest' });
    await this.collection.createIndex({ auctionId: 1 }, { name: 'auction' });
  }

  async create(order: Order): Promise<void> {
    await this.collection.insertOne(toDocument(order));
  }

  async save(order: Order): Promise<void> {
    const result = await this.collection.replaceOne({ _id: order.id, version: order.version - 1 }, toDocument(order));
    if (result.matchedCount === 1) return;
    throw (await this.collection.countDocuments({ _id: order.id })) ? orderErrors.concurrentUpdate() : orderErrors.notFound();
  }

  async findById(id: string): Promise<Order | null> {
    const document = await this.collection.findOne({ _id: id });
    return document ? toOrder(document) : null;
  }

  async findByAuctionId(auctionId: string): Promise<Order | null> {
    const document = await this.collection.findOne({ auctionId });
    return document ? toOrder(document) : null;
  }

  listByBuyer(buyerId: string, page: PageRequest): Promise<Page<Order>> {
    return this.list({ buyerId }, page);
  }

  listBySeller(sellerId: string, page: PageRequest): Promise<Page<Order>> {
    return this.list({ sellerIds: sellerId }, page);
  }

  private async list(filter: Filter<OrderDocument>, page: PageRequest): Promise<Page<Order>> {
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    const documents = await this.collection.find({ ...filter, ...newestFirstAfter(after) }).sort({ createdAt: -1, _id: -1 }).limit(page.limit + 1).toArray();
    return newestFirstPage(documents.map(toOrder), page.limit);
  }
}
