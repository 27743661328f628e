import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryOrderRepository } from '../../../src/adapters/memory/orders/memory-order-repository.js';
import { MemoryOutbox } from '../../../src/adapters/memory/shared/memory-outbox.js';
import { MongoOrderRepository } from '../../../src/adapters/mongo/orders/mongo-order-repository.js';
import { MongoOutboxStore } from '../../../src/adapters/mongo/shared/mongo-outbox.js';
import type { OrderRepository } from '../../../src/application/orders/ports/order-repository.js';
import type { EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import {
  cancelOrder,
  confirmOrder,
  createOrder,
  failOrder,
  markPaid,
  type NewOrder,
  type Order,
} from '../../../src/domain/orders/order.js';
import { useMongoDatabase } from '../../support/mongo.js';
import { pendingEvents, sampleEvent } from '../../support/outbox-helpers.js';
import { describeWithService } from '../../support/real-services.js';

const address = { name: 'Ada', line1: '1 rue', city: 'Paris', postalCode: '75001', country: 'FR' };
const t0 = new Date('2026-03-01T10:00:00.000Z');
const minutes = (m: number) => new Date(t0.getTime() + m * 60_000);

function placing(buyerId: string, sellerIds: string[], at: Date, extra: Partial<NewOrder> = {}): Order {
  const items = sellerIds.map((sellerId, i) => ({
    listingId: `l-${i}`,
    sellerId,
    title: `Item ${i}`,
    unitPrice: { amount: 100 * (i + 1), currency: 'EUR' },
    quantity: 1,
  }));
  return createOrder({ id: randomUUID(), buyerId, items, shippingAddress: address, at, ...extra });
}

/** A placed order (`pending_payment`), as its repository stores it after two writes. */
async function placed(orders: OrderRepository, order: Order): Promise<Order> {
  await orders.create(order, []);
  const confirmed = confirmOrder(order, order.createdAt);
  await orders.save(confirmed, []);
  return confirmed;
}

async function allPages(
  list: (cursor?: string) => Promise<{ items: Order[]; nextCursor: string | null }>,
): Promise<string[]> {
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

interface Orders {
  orders: OrderRepository;
  /** The events the repository stored and that wait to be published. */
  pending(): Promise<EventEnvelope[]>;
}

function orderRepositoryContract(make: () => Promise<Orders>): void {
  it('stores and finds an order as it was, whatever its status', async () => {
    const { orders } = await make();
    const order = placing('b1', ['s1', 's2'], t0, { checkoutKey: 'key-1' });
    await orders.create(order, []);
    expect(await orders.findById(order.id)).toEqual(order);
    expect(await orders.findById('absent')).toBeNull();
  });

  it('saves only over the version it was read at; a save drops the optional fields the order lost', async () => {
    const { orders } = await make();
    const order = await placed(orders, placing('b1', ['s1'], t0));
    const paid = markPaid(order, minutes(60));
    await orders.save(paid, []);
    expect(await orders.findById(order.id)).toEqual(paid);
    await expect(orders.save(paid, [])).rejects.toMatchObject({ code: 'ORDER_CONCURRENT_UPDATE' });
    await expect(orders.save({ ...paid, id: 'absent' }, [])).rejects.toMatchObject({ code: 'ORDER_NOT_FOUND' });
    const { paidAt: _paidAt, ...unpaid } = paid;
    await orders.save({ ...unpaid, version: paid.version + 1 }, []);
    expect(await orders.findById(order.id)).toEqual({ ...unpaid, version: paid.version + 1 });
  });

  it('stores the events of each write with it, in order; a refused save stores none', async () => {
    const { orders, pending } = await make();
    const order = placing('b1', ['s1'], t0);
    await orders.create(order, [sampleEvent('e-1')]);
    const confirmed = confirmOrder(order, t0);
    await orders.save(confirmed, [sampleEvent('e-2'), sampleEvent('e-3')]);
    await expect(orders.save(confirmed, [sampleEvent('e-lost')])).rejects.toMatchObject({
      code: 'ORDER_CONCURRENT_UPDATE',
    });
    await orders.save(cancelOrder(confirmed, t0), [sampleEvent('e-4')]);
    expect((await pending()).map((e) => e.id)).toEqual(['e-1', 'e-2', 'e-3', 'e-4']);
    expect(await orders.findById(order.id)).toMatchObject({ status: 'cancelled' });
  });

  it('lists placed orders by buyer and by seller, newest first, paging without gaps or duplicates', async () => {
    const { orders } = await make();
    const buyer = `b-${randomUUID()}`;
    const seller = `s-${randomUUID()}`;
    const created: Order[] = [];
    for (let i = 0; i < 12; i += 1) {
      // Pairs share a timestamp so the id breaks the tie.
      const order = placing(
        i % 3 === 0 ? 'someone-else' : buyer,
        i % 2 === 0 ? [seller, 'other-seller'] : ['other-seller'],
        minutes(Math.floor(i / 2)),
      );
      created.push(await placed(orders, order));
    }
    // Internal orders are never listed.
    await orders.create(placing(buyer, [seller], minutes(30)), []);
    const failed = placing(buyer, [seller], minutes(31));
    await orders.create(failed, []);
    await orders.save(failOrder(failed, minutes(31)), []);
    const newest = (list: Order[]) =>
      [...list]
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
        .map((o) => o.id);
    expect(await allPages((cursor) => orders.list({ buyerId: buyer }, { limit: 3, cursor }))).toEqual(
      newest(created.filter((o) => o.buyerId === buyer)),
    );
    expect(await allPages((cursor) => orders.list({ sellerId: seller }, { limit: 2, cursor }))).toEqual(
      newest(created.filter((o) => o.items.some((i) => i.sellerId === seller))),
    );
    await expect(orders.list({ buyerId: buyer }, { limit: 3, cursor: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'INVALID_CURSOR',
    });
  });

  it('lists by courier, by status, and by every given filter at once (the admin view); without a filter, every placed order', async () => {
    const { orders } = await make();
    const [buyer, seller, courier] = [`b-${randomUUID()}`, `s-${randomUUID()}`, `c-${randomUUID()}`];
    const first = await placed(orders, placing(buyer, [seller], minutes(1)));
    const second = await placed(orders, placing(buyer, ['other-seller'], minutes(2)));
    const paid = markPaid(second, minutes(3));
    await orders.save(paid, []);
    const carried = { ...paid, courierId: courier, version: paid.version + 1 };
    await orders.save(carried, []);
    const third = await placed(orders, placing('someone-else', [seller], minutes(4)));
    await orders.create(placing(buyer, [seller], minutes(5)), []);
    const ids = async (filter: Parameters<OrderRepository['list']>[0]) =>
      (await orders.list(filter, { limit: 100 })).items.map((o) => o.id);
    expect(await ids({ courierId: courier })).toEqual([second.id]);
    expect(await orders.list({ courierId: courier }, { limit: 100 })).toEqual({ items: [carried], nextCursor: null });
    expect(await ids({ buyerId: buyer, status: 'pending_payment' })).toEqual([first.id]);
    expect(await ids({ buyerId: buyer, status: 'paid' })).toEqual([second.id]);
    expect(await ids({ sellerId: seller, status: 'pending_payment' })).toEqual([third.id, first.id]);
    expect(await ids({ buyerId: buyer, sellerId: seller })).toEqual([first.id]);
    expect(await ids({ buyerId: buyer, sellerId: seller, status: 'paid' })).toEqual([]);
    const everything = await ids({});
    expect(everything).toEqual(expect.arrayContaining([first.id, second.id, third.id]));
    expect(everything.indexOf(third.id)).toBeLessThan(everything.indexOf(first.id));
  });

  it('finds the newest order of a checkout key or an auction, never a failed attempt', async () => {
    const { orders } = await make();
    const buyer = `b-${randomUUID()}`;
    const auctionId = `a-${randomUUID()}`;
    const failed = placing(buyer, ['s1'], t0, { checkoutKey: 'key-a', auctionId });
    await orders.create(failed, []);
    await orders.save(failOrder(failed, t0), []);
    expect(await orders.findByCheckoutKey(buyer, 'key-a')).toBeNull();
    expect(await orders.findByAuctionId(auctionId)).toBeNull();
    const retry = placing(buyer, ['s1'], minutes(1), { checkoutKey: 'key-a', auctionId });
    await orders.create(retry, []);
    expect(await orders.findByCheckoutKey(buyer, 'key-a')).toEqual(retry);
    expect(await orders.findByAuctionId(auctionId)).toEqual(retry);
    expect(await orders.findByCheckoutKey(buyer, 'key-b')).toBeNull();
    expect(await orders.findByCheckoutKey('someone-else', 'key-a')).toBeNull();
  });

  it('stores the 1.1 fields (payBy, payment, cancelReason, refund, secondChanceOf) as they were', async () => {
    const { orders } = await make();
    const order = placing('b1', ['s1'], t0, { auctionId: `a-${randomUUID()}`, secondChanceOf: 'o-before' });
    await orders.create(order, []);
    const confirmed = confirmOrder(order, t0, minutes(30));
    await orders.save(confirmed, []);
    const paid = markPaid(confirmed, minutes(10), address, 'pay-1');
    await orders.save(paid, []);
    expect(await orders.findById(order.id)).toEqual(paid);
    const cancelled = cancelOrder(paid, minutes(11), {
      reason: 'buyer',
      refund: { id: 'refund-1', refundedAt: minutes(11) },
    });
    await orders.save(cancelled, []);
    const stored = await orders.findById(order.id);
    expect(stored).toEqual(cancelled);
    expect(stored).toMatchObject({
      payBy: minutes(30),
      payment: { id: 'pay-1', amount: order.total, paidAt: minutes(10) },
      cancelReason: 'buyer',
      refund: { id: 'refund-1', amount: order.total },
    });
  });

  it('lists every order of an auction, oldest first, failed attempts included', async () => {
    const { orders } = await make();
    const auctionId = `a-${randomUUID()}`;
    const first = await placed(orders, placing('b1', ['s1'], minutes(1), { auctionId }));
    const failed = placing('b2', ['s1'], minutes(2), { auctionId });
    await orders.create(failed, []);
    await orders.save(failOrder(failed, minutes(2)), []);
    const offer = await placed(orders, placing('b3', ['s1'], minutes(3), { auctionId, secondChanceOf: first.id }));
    await placed(orders, placing('b4', ['s1'], minutes(1), { auctionId: 'another' }));
    expect((await orders.listByAuctionId(auctionId)).map((o) => o.id)).toEqual([first.id, failed.id, offer.id]);
    expect(await orders.listByAuctionId('none')).toEqual([]);
  });

  it('lists pending_payment orders past their payBy, earliest deadline first, never paid or deadline-less ones', async () => {
    const { orders } = await make();
    const confirmedBy = async (payBy: Date | undefined, buyerId: string) => {
      const order = placing(buyerId, ['s1'], t0);
      await orders.create(order, []);
      const confirmed = confirmOrder(order, t0, payBy);
      await orders.save(confirmed, []);
      return confirmed;
    };
    const later = await confirmedBy(minutes(20), 'b1');
    const earlier = await confirmedBy(minutes(10), 'b2');
    await confirmedBy(minutes(40), 'b3'); // not due
    await confirmedBy(undefined, 'b4'); // no deadline
    const paid = await confirmedBy(minutes(5), 'b5');
    await orders.save(markPaid(paid, minutes(1), address, 'pay-5'), []);
    const due = (await orders.listPaymentOverdue(minutes(30), 10)).filter(
      (o) => o.createdAt.getTime() === t0.getTime(),
    );
    expect(due.map((o) => o.id)).toEqual([earlier.id, later.id]);
    expect((await orders.listPaymentOverdue(minutes(10), 10)).map((o) => o.id)).toContain(earlier.id);
    expect((await orders.listPaymentOverdue(minutes(10), 10)).map((o) => o.id)).not.toContain(later.id);
    expect(await orders.listPaymentOverdue(minutes(30), 1)).toHaveLength(1);
  });

  it('lists the orders still placing that were created before a time, oldest first', async () => {
    const { orders } = await make();
    const old = [placing('b1', ['s1'], minutes(-30)), placing('b2', ['s1'], minutes(-20))];
    for (const order of old) await orders.create(order, []);
    await placed(orders, placing('b3', ['s1'], minutes(-25)));
    await orders.create(placing('b4', ['s1'], minutes(0)), []);
    const stale = await orders.listPlacing(minutes(-1), 10);
    expect(stale.filter((o) => o.createdAt >= minutes(-30)).map((o) => o.id)).toEqual(old.map((o) => o.id));
    expect(await orders.listPlacing(minutes(-1), 1)).toHaveLength(1);
  });
}

describe('MemoryOrderRepository', () =>
  orderRepositoryContract(async () => {
    const outbox = new MemoryOutbox();
    return { orders: new MemoryOrderRepository(outbox), pending: async () => outbox.peek() };
  }));

describeWithService('MONGO_URL', 'MongoOrderRepository', (url) => {
  const db = useMongoDatabase(url);
  orderRepositoryContract(async () => {
    // Only one test stores events: the collection's outbox holds that test's alone.
    const store = new MongoOutboxStore(db().collection('orders'));
    await store.ensureIndexes();
    const orders = new MongoOrderRepository(db(), store);
    await orders.ensureIndexes();
    return { orders, pending: () => pendingEvents(store) };
  });
});
