import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryOrderRepository } from '../../../src/adapters/memory/orders/memory-order-repository.js';
import { MongoOrderRepository } from '../../../src/adapters/mongo/orders/mongo-order-repository.js';
import type { OrderRepository } from '../../../src/application/orders/ports/order-repository.js';
import { createOrder, markPaid, type Order } from '../../../src/domain/orders/order.js';
import { useMongoDatabase } from '../../support/mongo.js';
import { describeWithService } from '../../support/real-services.js';

const address = { name: 'Ada', line1: '1 rue', city: 'Paris', postalCode: '75001', country: 'FR' };

function newOrder(buyerId: string, sellerIds: string[], at: Date): Order {
  const items = sellerIds.map((sellerId, i) => ({ listingId: `l-${i}`, sellerId, title: `Item ${i}`, unitPrice: { amount: 100 * (i + 1), currency: 'EUR' }, quantity: 1 }));
  return createOrder({ id: randomUUID(), buyerId, items, shippingAddress: address, at });
}

async function allPages(list: (cursor?: string) => Promise<{ items: Order[]; nextCursor: string | null }>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page += 1) {
    const result = await list(cursor);
    ids.push(...result.items.map((o) => o.id));
    if (!result.nextCursor) return ids;
    cursor = result.nextCursor;
  }
  throw new Error('too many pages');
}

function orderRepositoryContract(make: () => Promise<OrderRepository>): void {
  it('stores and finds an order as it was', async () => {
    const orders = await make();
    const order = newOrder('b1', ['s1', 's2'], new Date('2026-03-01T10:00:00.000Z'));
    await orders.create(order);
    expect(await orders.findById(order.id)).toEqual(order);
    expect(await orders.findById('absent')).toBeNull();
  });

  it('saves only over the version it was read at', async () => {
    const orders = await make();
    const order = newOrder('b1', ['s1'], new Date('2026-03-01T10:00:00.000Z'));
    await orders.create(order);
    const paid = markPaid(order, new Date('2026-03-01T11:00:00.000Z'));
    await orders.save(paid);
    expect(await orders.findById(order.id)).toEqual(paid);
    await expect(orders.save(paid)).rejects.toMatchObject({ code: 'ORDER_CONCURRENT_UPDATE' });
    await expect(orders.save({ ...paid, id: 'absent' })).rejects.toMatchObject({ code: 'ORDER_NOT_FOUND' });
  });

  it('lists by buyer and by seller, newest first, paging without gaps or duplicates', async () => {
    const orders = await make();
    const buyer = `b-${randomUUID()}`;
    const seller = `s-${randomUUID()}`;
    const created: Order[] = [];
    for (let i = 0; i < 12; i += 1) {
      // Pairs share a timestamp so the id breaks the tie.
      const order = newOrder(i % 3 === 0 ? 'someone-else' : buyer, i % 2 === 0 ? [seller, 'other-seller'] : ['other-seller'], new Date(Date.UTC(2026, 2, 1, 10, Math.floor(i / 2))));
      await orders.create(order);
      created.push(order);
    }
    const newest = (list: Order[]) => [...list].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1)).map((o) => o.id);
    expect(await allPages((cursor) => orders.listByBuyer(buyer, { limit: 3, cursor }))).toEqual(newest(created.filter((o) => o.buyerId === buyer)));
    expect(await allPages((cursor) => orders.listBySeller(seller, { limit: 2, cursor }))).toEqual(newest(created.filter((o) => o.items.some((i) => i.sellerId === seller))));
    await expect(orders.listByBuyer(buyer, { limit: 3, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
  });
}

describe('MemoryOrderRepository', () => orderRepositoryContract(async () => new MemoryOrderRepository()));

describeWithService('MONGO_URL', 'MongoOrderRepository', (url) => {
  const db = useMongoDatabase(url);
  orderRepositoryContract(async () => {
    const orders = new MongoOrderRepository(db());
    await orders.ensureIndexes();
    return orders;
  });
});
