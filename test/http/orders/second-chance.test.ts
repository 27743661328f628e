import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { StockLedger } from '../../../src/application/cart/ports/stock-ledger.js';
import { auctionWorld, euros, type AuctionWorld } from '../../support/auction-helpers.js';
import { registerUser, relogin, TEST_ADMIN, type SignedIn } from '../../support/http-helpers.js';
import { describeWithService } from '../../support/real-services.js';
import { realStack } from '../../support/real-stack.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

const AUCTION_TTL_MS = 172_800 * 1000;
const wait = { timeout: 20_000, interval: 25 };

interface OrderBody {
  id: string;
  status: string;
  createdAt: string;
  payBy?: string;
  cancelReason?: string;
  secondChanceOf?: string;
  auctionId?: string;
  items: { listingId: string; unitPrice: { amount: number } }[];
}

/**
 * (1.1) Second chance: an auction winner who does not pay in time loses the item to the
 * next-highest bidder whose maximum reached the reserve, offered at that maximum; with nobody
 * left, the unit is back in stock. The app's own timer and sweeper run (every 50 ms) on a hand-driven clock.
 */
function secondChanceSuite(env: Record<string, string> = {}): void {
  let t: TestApp;
  let w: AuctionWorld;
  let ann: SignedIn;
  let bob: SignedIn;
  let cat: SignedIn;

  const ordersOf = async (who: SignedIn): Promise<OrderBody[]> =>
    (await request(t.app).get('/api/v1/orders').set(who.auth)).body.items as OrderBody[];
  /** Moves the clock, and signs everyone in again (access tokens live 15 minutes of that clock). */
  const advance = async (ms: number) => {
    t.clock.advance(ms);
    await relogin(t.app, ann, bob, cat, w.seller);
  };
  const level = async (listingId: string) => t.container.get<StockLedger>(StockLedger).level(listingId);

  beforeAll(async () => {
    t = await createTestApp({ ...TEST_ADMIN, AUCTION_TIMER_INTERVAL_MS: '50', ORDER_SWEEP_INTERVAL_MS: '100', ...env });
    w = await auctionWorld(t);
    [ann, bob, cat] = (await Promise.all([registerUser(t.app), registerUser(t.app), registerUser(t.app)])) as [
      SignedIn,
      SignedIn,
      SignedIn,
    ];
  }, 60_000);
  afterAll(() => t.close());

  it('winner unpaid -> runner-up offered at their maximum (notified, own deadline) -> unpaid -> nobody above the reserve: the unit is back', async () => {
    const listingId = await w.listing(1);
    const created = await w.auction({ listingId, reservePrice: euros(2_000) }, 10);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const auctionId = created.body.id as string;
    expect((await w.bid(cat, auctionId, 1_000, 1_800)).status).toBe(201); // below the reserve
    expect((await w.bid(bob, auctionId, 2_000, 2_500)).status).toBe(201);
    expect((await w.bid(ann, auctionId, 2_600, 3_000)).status).toBe(201);

    await advance(11 * 60_000);
    let won!: OrderBody;
    await vi.waitFor(async () => {
      won = (await ordersOf(ann))[0]!;
      expect(won).toMatchObject({ auctionId, status: 'pending_payment' });
    }, wait);
    expect(new Date(won.payBy!).getTime() - new Date(won.createdAt).getTime()).toBe(AUCTION_TTL_MS);

    await advance(AUCTION_TTL_MS);
    let offer!: OrderBody;
    await vi.waitFor(async () => {
      offer = (await ordersOf(bob))[0]!;
      expect(offer).toMatchObject({ auctionId, status: 'pending_payment', secondChanceOf: won.id });
    }, wait);
    expect(offer.items).toMatchObject([{ listingId, unitPrice: euros(2_500) }]);
    expect(new Date(offer.payBy!).getTime() - new Date(offer.createdAt).getTime()).toBe(AUCTION_TTL_MS);
    expect((await request(t.app).get(`/api/v1/orders/${won.id}`).set(ann.auth)).body).toMatchObject({
      status: 'cancelled',
      cancelReason: 'payment_timeout',
    });
    await vi.waitFor(async () => {
      const notes = (await request(t.app).get('/api/v1/notifications').set(bob.auth)).body.items as {
        type: string;
        data: Record<string, string>;
      }[];
      expect(notes).toContainEqual(
        expect.objectContaining({
          type: 'auction.second_chance',
          data: expect.objectContaining({ orderId: offer.id }),
        }),
      );
    }, wait);
    expect(await level(listingId)).toMatchObject({ onHand: 0, reserved: 0 }); // the unit went from ann's order to bob's
    expect(await ordersOf(ann)).toHaveLength(1); // the failed winner is not offered it again

    await advance(AUCTION_TTL_MS);
    await vi.waitFor(
      async () =>
        expect((await ordersOf(bob))[0]).toMatchObject({
          id: offer.id,
          status: 'cancelled',
          cancelReason: 'payment_timeout',
        }),
      wait,
    );
    await vi.waitFor(
      async () => expect(await level(listingId)).toMatchObject({ onHand: 1, reserved: 0, available: 1 }),
      wait,
    );
    await new Promise((resolve) => setTimeout(resolve, 300)); // an offer to cat would show by now
    expect(await ordersOf(cat)).toEqual([]);
    expect((await request(t.app).get(`/api/v1/listings/${listingId}`)).body).toMatchObject({
      status: 'published',
      availableQuantity: 1,
    });
  });

  it('a runner-up who pays the offer gets the item; nothing more is offered', async () => {
    const listingId = await w.listing(1);
    const auctionId = (await w.auction({ listingId }, 10)).body.id as string;
    expect((await w.bid(bob, auctionId, 1_000, 1_400)).status).toBe(201);
    expect((await w.bid(ann, auctionId, 1_500, 2_000)).status).toBe(201);
    await advance(11 * 60_000);
    await vi.waitFor(
      async () => expect((await ordersOf(ann)).find((o) => o.auctionId === auctionId)).toBeDefined(),
      wait,
    );
    await advance(AUCTION_TTL_MS);
    let offer!: OrderBody;
    await vi.waitFor(async () => {
      offer = (await ordersOf(bob)).find((o) => o.auctionId === auctionId)!;
      expect(offer).toMatchObject({ status: 'pending_payment', items: [{ unitPrice: euros(1_400) }] });
    }, wait);
    const address = { name: 'Bob', line1: '2 rue', city: 'Lyon', postalCode: '69001', country: 'FR' };
    const paid = await request(t.app)
      .post(`/api/v1/orders/${offer.id}/pay`)
      .set(bob.auth)
      .send({ paymentMethod: 'test_card', shippingAddress: address });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', payment: { amount: euros(1_400) } });
    await advance(AUCTION_TTL_MS);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await ordersOf(bob)).find((o) => o.id === offer.id)).toMatchObject({ status: 'paid' });
  });
}

describe('HTTP second-chance offers after a payment timeout (memory)', () => secondChanceSuite());

describeWithService('MONGO_URL', 'HTTP second-chance offers on the real stack', (mongoUrl) => {
  describeWithService('REDIS_URL', 'on Redis', (redisUrl) => {
    describeWithService('AMQP_URL', 'and RabbitMQ', (amqpUrl) => {
      const stack = realStack({ mongoUrl, redisUrl, amqpUrl });
      afterAll(() => stack.cleanup());
      secondChanceSuite(stack.env);
    });
  });
});
