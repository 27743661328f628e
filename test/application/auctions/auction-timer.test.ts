import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuctionEvents } from '../../../src/application/auctions/auction-events.js';
import { CloseDueAuctions } from '../../../src/application/auctions/close-due-auctions/close-due-auctions.js';
import { decideClose } from '../../../src/application/auctions/live-decisions.js';
import { AuctionLiveState } from '../../../src/application/auctions/ports/auction-live-state.js';
import { AuctionRepository } from '../../../src/application/auctions/ports/auction-repository.js';
import { AuctionSchedule } from '../../../src/application/auctions/ports/auction-schedule.js';
import { StartDueAuctions } from '../../../src/application/auctions/start-due-auctions/start-due-auctions.js';
import { OrderRepository } from '../../../src/application/orders/ports/order-repository.js';
import type { EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import { auctionWorld, euros, type AuctionWorld } from '../../support/auction-helpers.js';
import { registerUser, relogin, TEST_ADMIN, type SignedIn } from '../../support/http-helpers.js';
import { recordEvents } from '../../support/recorded-events.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

/**
 * The timer with a controllable clock, on the embedded profile. The app's own timer also ticks
 * (every AUCTION_TIMER_INTERVAL_MS of real time) and sees the same clock: the tests call the
 * ticks directly too and assert on state and events, which do not depend on who ticked.
 */
describe('auction timer (ManualClock)', () => {
  let t: TestApp;
  let w: AuctionWorld;
  let buyer: SignedIn;
  let events: EventEnvelope[];

  const stored = (id: string) => t.container.get<AuctionRepository>(AuctionRepository).findById(id);
  const tick = async () => {
    await t.container.get(StartDueAuctions).execute();
    await t.container.get(CloseDueAuctions).execute();
  };
  const endedEvents = (id: string) =>
    events.filter((e) => e.topic === 'auction.ended' && (e.payload as { auctionId: string }).auctionId === id);
  const create = async (overrides: Record<string, unknown>, minutes: number) => {
    const res = await w.auction(overrides, minutes);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; startsAt: string; endsAt: string };
  };

  beforeAll(async () => {
    t = await createTestApp({ ...TEST_ADMIN, AUCTION_TIMER_INTERVAL_MS: '50' });
    w = await auctionWorld(t);
    buyer = await registerUser(t.app);
    events = recordEvents(t.container);
  });
  beforeEach(() => relogin(t.app, w.seller, buyer));
  afterAll(() => t.close());

  it('moves scheduled -> live at startsAt without any request', async () => {
    const { id, startsAt } = await create({ startsAt: w.inMinutes(5) }, 60);
    await tick();
    expect((await stored(id))?.status).toBe('scheduled');
    t.clock.set(new Date(Date.parse(startsAt)));
    await tick();
    expect((await stored(id))?.status).toBe('live');
    expect(await t.container.get<AuctionSchedule>(AuctionSchedule).due('start', t.clock.now(), 100)).not.toContain(id);
  });

  it('ends at endsAt (not before) with one auction.ended carrying the winner and final price, also when ticks race', async () => {
    const { id, endsAt } = await create({}, 30);
    const bid = await w.bid(buyer, id, 1_200);
    expect(bid.status).toBe(201);
    t.clock.set(new Date(Date.parse(endsAt) - 1));
    await tick();
    expect((await stored(id))?.status).toBe('live');
    t.clock.set(new Date(Date.parse(endsAt)));
    await Promise.all(Array.from({ length: 5 }, tick));
    await vi.waitFor(async () => expect((await stored(id))?.status).toBe('ended'), { timeout: 3000, interval: 20 });
    await vi.waitFor(() => expect(endedEvents(id)).toHaveLength(1), { timeout: 3000, interval: 20 });
    expect(endedEvents(id)[0]?.payload).toMatchObject({
      winnerId: buyer.id,
      finalPrice: euros(1_200),
      reserveMet: true,
      bidCount: 1,
    });
    await tick();
    expect(endedEvents(id)).toHaveLength(1);
    const notifications = events.filter(
      (e) => e.topic === 'notification.send' && (e.payload as { data: { auctionId?: string } }).data.auctionId === id,
    );
    expect(notifications.map((e) => (e.payload as { type: string; userId: string }).type).sort()).toEqual([
      'auction.ended',
      'auction.won',
    ]);
    await vi.waitFor(
      async () =>
        expect(await t.container.get<OrderRepository>(OrderRepository).findByAuctionId(id)).toMatchObject({
          buyerId: buyer.id,
          status: 'pending_payment',
        }),
      { timeout: 3000, interval: 20 },
    );
  });

  it('honours an extension by a late bid: the old endsAt passes, the new one closes it', async () => {
    const { id, endsAt } = await create({ antiSnipingSeconds: 60 }, 20);
    const end = Date.parse(endsAt);
    t.clock.set(new Date(end - 10_000));
    await relogin(t.app, buyer); // 20 minutes later: a fresh access token
    const late = await w.bid(buyer, id, 1_000);
    expect(Date.parse(late.body.auction.endsAt)).toBe(end + 50_000);
    t.clock.set(new Date(end + 1_000));
    await tick();
    expect((await stored(id))?.status).toBe('live');
    expect(endedEvents(id)).toHaveLength(0);
    t.clock.set(new Date(end + 50_000));
    await tick();
    await vi.waitFor(async () => expect(await stored(id)).toMatchObject({ status: 'ended', winnerId: buyer.id }), {
      timeout: 3000,
      interval: 20,
    });
    expect(endedEvents(id)).toHaveLength(1);
  });

  it('below the reserve: ended, no winner, the seller is told, nobody gets an order', async () => {
    const { id, endsAt } = await create({ reservePrice: euros(9_000) }, 15);
    await w.bid(buyer, id, 1_000);
    t.clock.set(new Date(Date.parse(endsAt)));
    await tick();
    await vi.waitFor(() => expect(endedEvents(id)).toHaveLength(1), { timeout: 3000, interval: 20 });
    expect(endedEvents(id)[0]?.payload).toMatchObject({ winnerId: null, finalPrice: null, reserveMet: false });
    expect(await stored(id)).toMatchObject({ status: 'ended', winnerId: null });
    expect(await t.container.get<OrderRepository>(OrderRepository).findByAuctionId(id)).toBeNull();
  });

  it('an instance that closed an auction and died before finishing: the next tick finishes it, auction.ended once, one order', async () => {
    const { id, endsAt } = await create({}, 25);
    await w.bid(buyer, id, 1_000);
    const end = new Date(Date.parse(endsAt));
    // The "dead" instance: the atomic close (with its events) happened, nothing after it.
    const events = t.container.get(AuctionEvents);
    const close = decideClose(end, (closed) => events.ended(closed));
    expect(await t.container.get<AuctionLiveState>(AuctionLiveState).transact(id, close)).toMatchObject({
      status: 'ended',
    });
    expect((await stored(id))?.status).toBe('live');
    t.clock.set(end);
    await tick();
    await vi.waitFor(() => expect(endedEvents(id)).toHaveLength(1), { timeout: 3000, interval: 20 });
    expect(await stored(id)).toMatchObject({ status: 'ended', winnerId: buyer.id });
    const orders = t.container.get<OrderRepository>(OrderRepository);
    await vi.waitFor(async () => expect(await orders.findByAuctionId(id)).toMatchObject({ buyerId: buyer.id }), {
      timeout: 3000,
      interval: 20,
    });
    await tick();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(endedEvents(id)).toHaveLength(1);
  });

  it('a live state that lost an open auction gets it back from the stored document and still closes it', async () => {
    const { id, endsAt } = await create({}, 35);
    await w.bid(buyer, id, 1_000);
    const live = t.container.get<AuctionLiveState>(AuctionLiveState) as unknown as { entries: Map<string, unknown> };
    live.entries.delete(id);
    const again = await w.bid(await registerUser(t.app), id, 1_100);
    expect(again.status).toBe(201);
    expect(again.body.auction.bidCount).toBe(2);
    live.entries.delete(id);
    t.clock.set(new Date(Date.parse(endsAt)));
    await tick();
    await tick();
    await vi.waitFor(() => expect(endedEvents(id)).toHaveLength(1), { timeout: 3000, interval: 20 });
  });
});
