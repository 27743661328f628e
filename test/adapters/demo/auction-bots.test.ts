import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseDueAuctions } from '../../../src/application/auctions/close-due-auctions/close-due-auctions.js';
import type { PlacedBid } from '../../../src/application/auctions/place-bid/place-bid.js';
import { AuctionBots } from '../../../src/adapters/demo/auction-bots.js';
import { actorOf } from '../../../src/adapters/demo/demo-media.js';
import type { Random } from '../../../src/adapters/demo/bot-strategy.js';
import { statusAt, type Auction } from '../../../src/domain/auctions/auction.js';
import { registerUser } from '../../support/http-helpers.js';
import { settleOutbox } from '../../support/outbox-helpers.js';
import { demoWorld, recordingBids, type DemoWorld } from './demo-world.js';

/** Repeatable dice (mulberry32): the run is the same every time. */
function seededRandom(seed: number): Random {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const TICK_MS = 500;
const settings = { auctionSeconds: 60, botIntervalMs: 4_000, courierIntervalMs: 3_000 };

describe('AuctionBots (embedded default)', () => {
  let w: DemoWorld;
  let bots: AuctionBots;
  let placed: PlacedBid[];
  let recording: DemoWorld['deps'];
  /** Every step's count of seller2's live auctions, to check that one always runs. */
  const liveCounts: number[] = [];
  const now = () => w.t.clock.now();
  const isBot = (id: string | null) => w.cast.bots.some((bot) => bot.id === id);

  const sellers2Auctions = async (): Promise<Auction[]> => {
    const { items } = await w.deps.auctions.listAuctions.execute({}, { limit: 100 });
    const mine = items.filter((auction) => auction.sellerId === w.cast.sellers[1]!.id);
    return Promise.all(mine.map((auction) => w.deps.auctions.getAuction.execute(auction.id)));
  };
  const liveAuctions = async () => (await sellers2Auctions()).filter((a) => statusAt(a, now()) === 'live');
  /** One 500 ms step of the app's timers: the auction timer closes what is due, the bots tick, events settle. */
  const step = async (actor = bots) => {
    w.t.clock.advance(TICK_MS);
    await w.t.container.get(CloseDueAuctions).execute();
    await actor.tick();
    await settleOutbox(w.t.container);
    liveCounts.push((await liveAuctions()).length);
  };
  /** Steps until `done` holds (at most `seconds` of the clock); answers whether it did. */
  const runUntil = async (done: () => Promise<boolean> | boolean, seconds: number, actor = bots) => {
    for (let ms = 0; ms < seconds * 1000; ms += TICK_MS) {
      if (await done()) return true;
      await step(actor);
    }
    return done();
  };

  beforeAll(async () => {
    w = await demoWorld();
    ({ deps: recording, placed } = recordingBids(w.deps));
    bots = new AuctionBots(recording, w.cast, settings, seededRandom(15));
  });
  afterAll(() => w.t.close());

  it('opens a live auction of a new one-unit lot listed by seller2 in the auction category', async () => {
    expect(await runUntil(async () => (await liveAuctions()).length === 1, 5)).toBe(true);
    const [auction] = await liveAuctions();
    expect(auction!.title).toMatch(/\(Lot 1\)$/);
    expect(auction!.antiSnipingSeconds).toBe(19);
    expect(auction!.endsAt.getTime() - auction!.startsAt.getTime()).toBe(60_000);
    const listing = await request(w.t.app).get(`/api/v1/listings/${auction!.listingId}`);
    expect(listing.status).toBe(200);
    expect(listing.body).toMatchObject({ categoryId: w.cast.auctionCategoryId, quantity: 1, status: 'published' });
  });

  it('has the bots bid every few seconds, the price rising, some bids answered by the leader’s proxy maximum', async () => {
    const [auction] = await liveAuctions();
    await runUntil(() => false, 20);
    const onIt = placed.filter((answer) => answer.bid.auctionId === auction!.id);
    expect(onIt.length).toBeGreaterThanOrEqual(3);
    expect(onIt.every((answer) => isBot(answer.bid.bidderId))).toBe(true);
    const prices = onIt.map((answer) => answer.auction.currentPrice.amount);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(prices.at(-1)).toBeGreaterThan(prices[0]!);
    const answeredByProxy = () =>
      placed.some((answer) => answer.bid.kind === 'bid' && answer.auction.leadingBidderId !== answer.bid.bidderId);
    expect(await runUntil(answeredByProxy, 30)).toBe(true);
  });

  it('opens a second auction about halfway through the first, and a new one when one ends', async () => {
    const [first] = await sellers2Auctions();
    expect(await runUntil(async () => (await liveAuctions()).length === 2, 30)).toBe(true);
    expect(first!.endsAt.getTime() - now().getTime()).toBeLessThanOrEqual(30_500);
    const ended = async () => (await w.deps.auctions.getAuction.execute(first!.id)).status === 'ended';
    expect(await runUntil(ended, 60)).toBe(true);
    expect(await runUntil(async () => (await sellers2Auctions()).length === 3, 2)).toBe(true);
    expect(liveCounts.slice(1).every((count) => count >= 1 && count <= 2)).toBe(true);
  });

  it('extended the ended auction with bids in its anti-sniping window, at most twice', async () => {
    const ended = (await sellers2Auctions()).find((auction) => auction.status === 'ended')!;
    const lastBid = placed.filter((answer) => answer.bid.auctionId === ended.id).at(-1)!;
    expect(ended.endsAt.getTime()).toBeGreaterThan(ended.scheduledEndsAt.getTime());
    const extensions = new Set(
      placed.filter((a) => a.bid.auctionId === ended.id).map((a) => a.auction.endsAt.getTime()),
    );
    expect(extensions.size - 1).toBeGreaterThanOrEqual(1);
    expect(extensions.size - 1).toBeLessThanOrEqual(2);
    expect(ended.endsAt.getTime() - ended.scheduledEndsAt.getTime()).toBeLessThanOrEqual(2 * 19_000);
    expect(ended.endsAt).toEqual(lastBid.auction.endsAt);
  });

  it('has a bot that won pay its order, so that the seller sees it paid', async () => {
    const won = (await sellers2Auctions()).find((auction) => auction.status === 'ended' && isBot(auction.winnerId!))!;
    const winner = w.cast.bots.find((bot) => bot.id === won.winnerId)!;
    const order = () => w.deps.orders.getOrder.execute(actorOf(winner, 'buyer'), won.orderId!);
    expect(await runUntil(async () => (await order()).status === 'paid', 5)).toBe(true);
    expect(await order()).toMatchObject({ auctionId: won.id, total: won.currentPrice });
  });

  it('leaves a human leader leading at least two bot intervals before a bot outbids them', async () => {
    const newest = (await liveAuctions()).sort((a, b) => b.endsAt.getTime() - a.endsAt.getTime())[0]!;
    expect(newest.endsAt.getTime() - now().getTime()).toBeGreaterThan(40_000);
    const human = await registerUser(w.t.app);
    const minimum = newest.leadingBidderId
      ? newest.currentPrice.amount + newest.minIncrement.amount
      : newest.startingPrice.amount;
    const bid = await request(w.t.app)
      .post(`/api/v1/auctions/${newest.id}/bids`)
      .set(human.auth)
      .send({ price: { amount: minimum, currency: newest.currentPrice.currency } });
    expect(bid.status, JSON.stringify(bid.body)).toBe(201);
    const humanSince = now().getTime();
    const leader = async () => (await w.deps.auctions.getAuction.execute(newest.id)).leadingBidderId;
    expect(await runUntil(async () => (await leader()) !== human.id, 15)).toBe(true);
    expect(now().getTime() - humanSince).toBeGreaterThanOrEqual(8_000);
    expect(isBot(await leader())).toBe(true);
  });

  it('carries on after a restart from the auctions in the stores, opening none more than needed', async () => {
    await runUntil(async () => (await liveAuctions()).length === 2, 30);
    const before = (await sellers2Auctions()).length;
    const restarted = new AuctionBots(recording, w.cast, settings, seededRandom(16));
    const bidsBefore = placed.length;
    await runUntil(() => false, 8, restarted);
    expect((await sellers2Auctions()).length).toBe(before);
    expect(placed.length).toBeGreaterThan(bidsBefore);
    await runUntil(async () => (await sellers2Auctions()).length > before, 60, restarted);
    const titles = (await sellers2Auctions()).map((auction) => auction.title);
    expect(titles[0]).toMatch(new RegExp(`\\(Lot ${before + 1}\\)$`));
    expect(liveCounts.slice(1).every((count) => count >= 1 && count <= 2)).toBe(true);
  });
});
