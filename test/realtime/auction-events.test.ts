import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CloseDueAuctions } from '../../src/application/auctions/close-due-auctions/close-due-auctions.js';
import { auctionWorld, type AuctionWorld } from '../support/auction-helpers.js';
import { registerUser, TEST_ADMIN } from '../support/http-helpers.js';
import { connected, createRealtimeTestApp, type RealtimeTestApp } from '../support/realtime-app.js';

const WAIT_MS = 5000;

/**
 * A watcher of `auction:<id>` hears one auction.bid.placed per accepted bid and one auction.ended, and nothing private:
 * aliases, never a user id.
 */
describe('auction events on Socket.IO', () => {
  let t: RealtimeTestApp;
  let w: AuctionWorld;
  beforeAll(async () => {
    t = await createRealtimeTestApp(TEST_ADMIN);
    w = await auctionWorld(t);
  });
  afterAll(() => t.close());

  it('one auction.bid.placed per accepted bid, then one auction.ended', async () => {
    const created = await w.auction({}, 10); // ends before the watcher's token (15 min) expires
    const auctionId = created.body.id as string;
    const watcher = await registerUser(t.app);
    const socket = t.client(watcher.accessToken);
    await connected(socket);
    expect(await socket.timeout(WAIT_MS).emitWithAck('subscribe', { room: `auction:${auctionId}` })).toEqual({
      ok: true,
    });
    const placed: Record<string, unknown>[] = [];
    const ended: Record<string, unknown>[] = [];
    socket.on('auction.bid.placed', (payload: Record<string, unknown>) => placed.push(payload));
    socket.on('auction.ended', (payload: Record<string, unknown>) => ended.push(payload));

    const bidders = await Promise.all(Array.from({ length: 5 }, () => registerUser(t.app)));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        w.bid(bidders[i % 5]!, auctionId, 1_000 + 100 * Math.floor(i / 3), i % 5 === 0 ? 4_321 : undefined),
      ),
    );
    // A leader's own request only raises their maximum: nothing the room hears of (no reserve to meet).
    const accepted = results.filter((r) => r.status === 201 && r.body.bid.kind === 'bid');
    expect(accepted.length).toBeGreaterThan(0);
    await vi.waitFor(() => expect(placed).toHaveLength(accepted.length), { timeout: WAIT_MS, interval: 20 });
    expect(placed.map((p) => p.bidCount).sort((a, b) => Number(a) - Number(b))).toEqual(accepted.map((_, i) => i + 1));
    expect(placed[0]).toMatchObject({
      auctionId,
      currentPrice: expect.objectContaining({ currency: 'EUR' }),
      endsAt: expect.any(String),
      reserveMet: true,
    });
    for (const payload of placed)
      expect(payload).toMatchObject({
        leadingBidderAlias: expect.stringMatching(/^Bidder [1-5]$/),
        bidderAlias: expect.stringMatching(/^Bidder [1-5]$/),
      });
    expect(JSON.stringify(placed)).not.toContain('4321'); // proxy maxima never travel
    const userIds = [...bidders.map((bidder) => bidder.id), w.seller.id];

    const endsAt = Date.parse(created.body.endsAt as string);
    t.clock.set(new Date(endsAt));
    await t.container.get(CloseDueAuctions).execute();
    await vi.waitFor(() => expect(ended).toHaveLength(1), { timeout: WAIT_MS, interval: 20 });
    expect(ended[0]).toMatchObject({
      auctionId,
      reserveMet: true,
      winnerAlias: expect.stringMatching(/^Bidder [1-5]$/),
      finalPrice: expect.objectContaining({ currency: 'EUR' }),
    });
    for (const payload of [...placed, ...ended]) {
      for (const field of ['leadingBidderId', 'bidderId', 'previousLeaderId', 'winnerId', 'sellerId'])
        expect(payload).not.toHaveProperty(field);
      for (const id of userIds) expect(JSON.stringify(payload)).not.toContain(id);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ended).toHaveLength(1);
    expect(placed).toHaveLength(accepted.length);
  });

  it("a leader's raise that meets the reserve reaches the room as auction.max.raised, by alias; one that does not is not heard", async () => {
    const created = await w.auction({ reservePrice: { amount: 3_000, currency: 'EUR' } }, 10);
    const auctionId = created.body.id as string;
    const watcher = await registerUser(t.app);
    const socket = t.client(watcher.accessToken);
    await connected(socket);
    expect(await socket.timeout(WAIT_MS).emitWithAck('subscribe', { room: `auction:${auctionId}` })).toEqual({
      ok: true,
    });
    const raised: Record<string, unknown>[] = [];
    socket.on('auction.max.raised', (payload: Record<string, unknown>) => raised.push(payload));
    const bidder = await registerUser(t.app);
    expect((await w.bid(bidder, auctionId, 1_000)).status).toBe(201);
    expect((await w.bid(bidder, auctionId, 1_000, 2_000)).body.bid.kind).toBe('max_raise');
    expect((await w.bid(bidder, auctionId, 1_000, 5_000)).body.auction).toMatchObject({
      currentPrice: { amount: 3_000, currency: 'EUR' },
      reserveMet: true,
    });
    await vi.waitFor(() => expect(raised).toHaveLength(1), { timeout: WAIT_MS, interval: 20 });
    expect(raised[0]).toEqual({
      auctionId,
      currentPrice: { amount: 3_000, currency: 'EUR' },
      endsAt: created.body.endsAt,
      reserveMet: true,
      leadingBidderAlias: 'Bidder 1',
      bidCount: 1,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(raised).toHaveLength(1);
  });
});
