import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CloseDueAuctions } from '../../../src/application/auctions/close-due-auctions/close-due-auctions.js';
import { auctionWorld, euros, type AuctionWorld } from '../../support/auction-helpers.js';
import {
  expectProblem,
  fieldPaths,
  registerUser,
  relogin as reloginUsers,
  signInAdmin,
  TEST_ADMIN,
  type SignedIn,
} from '../../support/http-helpers.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

type Body = Record<string, unknown>;
type Viewer = { name: string; auth: Record<string, string> };

/** api.md 1.1 auctions: privacy per viewer and aliases, the reserve rule, the leader's raise, Buy It Now. */
describe('HTTP auctions (1.1)', () => {
  let t: TestApp;
  let w: AuctionWorld;
  let alice: SignedIn;
  let bob: SignedIn;
  let carol: SignedIn;

  const get = (path: string, auth: Record<string, string> = {}) => request(t.app).get(`/api/v1${path}`).set(auth);
  const buyNow = (who: SignedIn, id: string) => request(t.app).post(`/api/v1/auctions/${id}/buy-now`).set(who.auth);
  const liveAuction = async (overrides: Body = {}, minutes = 60) => {
    const res = await w.auction(overrides, minutes);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as Body & { id: string; endsAt: string };
  };
  const viewers = (): Viewer[] => [
    { name: 'anonymous', auth: {} },
    { name: 'another user', auth: carol.auth },
    { name: 'the leader (alice)', auth: alice.auth },
    { name: 'the other bidder (bob)', auth: bob.auth },
    { name: 'the seller', auth: w.seller.auth },
    { name: 'an admin', auth: w.admin },
  ];

  beforeAll(async () => {
    t = await createTestApp(TEST_ADMIN);
    w = await auctionWorld(t);
    [alice, bob, carol] = await Promise.all([registerUser(t.app), registerUser(t.app), registerUser(t.app)]);
  });
  beforeEach(async () => {
    await reloginUsers(t.app, alice, bob, carol, w.seller);
    w.admin = await signInAdmin(t.app);
  });
  afterAll(() => t.close());

  it('GET /openapi.json documents buy-now and the 1.1 fields', async () => {
    const doc = (await request(t.app).get('/openapi.json')).body;
    expect(doc.paths['/auctions/{id}/buy-now']?.post?.responses?.['200']).toBeDefined();
    const { Auction: auction, Bid: bid, CreateAuctionRequest: create } = doc.components.schemas;
    for (const field of ['reserveMet', 'leadingBidderAlias', 'buyItNowPrice', 'buyItNowAvailable', 'winnerAlias'])
      expect(auction.properties, field).toHaveProperty(field);
    for (const field of ['bidderAlias', 'kind']) expect(bid.properties, field).toHaveProperty(field);
    expect(bid.required).not.toContain('bidderId');
    expect(create.properties).toHaveProperty('buyItNowPrice');
  });

  describe('privacy and aliases', () => {
    it('each viewer sees the reserve, the ids and the maxima they may see; everyone sees aliases and reserveMet', async () => {
      const { id } = await liveAuction({ reservePrice: euros(5_000) });
      await w.bid(alice, id, 1_000, 3_000);
      await w.bid(bob, id, 1_500);
      const insiders = ['the seller', 'an admin'];
      for (const viewer of viewers()) {
        const insider = insiders.includes(viewer.name);
        const auction = (await get(`/auctions/${id}`, viewer.auth)).body as Body;
        expect(auction, viewer.name).toMatchObject({
          leadingBidderAlias: 'Bidder 1',
          reserveMet: false,
          currentPrice: euros(1_600),
          bidCount: 2,
        });
        expect(auction.leadingBidderId, viewer.name).toBe(
          insider || viewer.name.startsWith('the leader') ? alice.id : null,
        );
        expect('reservePrice' in auction, viewer.name).toBe(insider);
        const listed = ((await get('/auctions?limit=100', viewer.auth)).body.items as Body[]).find(
          (item) => item.id === id,
        );
        expect(listed, viewer.name).toEqual(auction);
        const bids = (await get(`/auctions/${id}/bids`, viewer.auth)).body.items as Body[];
        expect(
          bids.map((bid) => bid.bidderAlias),
          viewer.name,
        ).toEqual(['Bidder 2', 'Bidder 1']);
        const shownIds = bids.map((bid) => bid.bidderId ?? null);
        const own =
          viewer.auth === alice.auth ? [null, alice.id] : viewer.auth === bob.auth ? [bob.id, null] : [null, null];
        expect(shownIds, viewer.name).toEqual(insider ? [bob.id, alice.id] : own);
        expect(
          bids.map((bid) => bid.maxPrice ?? null),
          viewer.name,
        ).toEqual(viewer.auth === alice.auth ? [null, euros(3_000)] : [null, null]);
        if (viewer.name === 'anonymous' || viewer.name === 'another user') {
          for (const userId of [alice.id, bob.id])
            expect(JSON.stringify([auction, bids]), viewer.name).not.toContain(userId);
        }
      }
    });

    it("the bid answer names the bidder's own id and maximum, the leader by alias when it is someone else", async () => {
      const { id } = await liveAuction();
      const first = await w.bid(alice, id, 1_000, 2_000);
      expect(first.body.bid).toMatchObject({
        bidderId: alice.id,
        bidderAlias: 'Bidder 1',
        kind: 'bid',
        maxPrice: euros(2_000),
      });
      const second = await w.bid(bob, id, 1_200);
      expect(second.status).toBe(201);
      expect(second.body.bid).toMatchObject({ bidderId: bob.id, bidderAlias: 'Bidder 2', outcome: 'outbid' });
      expect(second.body.auction).toMatchObject({
        leadingBidderId: null,
        leadingBidderAlias: 'Bidder 1',
        currentPrice: euros(1_300),
      });
      expect(JSON.stringify(second.body)).not.toContain(alice.id);
      expect(JSON.stringify(second.body)).not.toContain('2000');
    });

    it('once ended: winnerAlias for all; winnerId and orderId only for the winner, the seller and admins', async () => {
      const { id, endsAt } = await liveAuction({}, 30);
      await w.bid(alice, id, 1_000);
      await w.bid(bob, id, 1_100);
      t.clock.set(new Date(Date.parse(endsAt) + 1000));
      await t.container.get(CloseDueAuctions).execute();
      await reloginUsers(t.app, alice, bob, carol, w.seller);
      w.admin = await signInAdmin(t.app);
      await vi.waitFor(
        async () => expect((await get(`/auctions/${id}`, bob.auth)).body.orderId).toEqual(expect.any(String)),
        { timeout: 5000, interval: 20 },
      );
      for (const viewer of viewers()) {
        const auction = (await get(`/auctions/${id}`, viewer.auth)).body as Body;
        const named = ['the other bidder (bob)', 'the seller', 'an admin'].includes(viewer.name);
        expect(auction, viewer.name).toMatchObject({
          status: 'ended',
          winnerAlias: 'Bidder 2',
          leadingBidderAlias: 'Bidder 2',
        });
        expect([auction.winnerId, auction.orderId === undefined], viewer.name).toEqual(
          named ? [bob.id, false] : [undefined, true],
        );
      }
    });
  });

  describe('the reserve and the leader', () => {
    it('a lone bidder whose maximum reaches the reserve leads at the reserve; reserveMet turns true', async () => {
      const { id } = await liveAuction({ reservePrice: euros(2_500) });
      const below = await w.bid(alice, id, 1_000, 2_000);
      expect(below.body.auction).toMatchObject({ currentPrice: euros(1_000), reserveMet: false });
      const above = await w.bid(bob, id, 1_100, 4_000);
      expect(above.body.auction).toMatchObject({
        currentPrice: euros(2_500),
        reserveMet: true,
        leadingBidderId: bob.id,
        leadingBidderAlias: 'Bidder 2',
      });
    });

    it("the leader's own request only raises their maximum: kind max_raise, no history entry, bidCount and endsAt unchanged; not above it is 409", async () => {
      const { id } = await liveAuction({ antiSnipingSeconds: 600, reservePrice: euros(3_000) }, 5);
      // extended: in the last 600 s
      const endsAt = (await w.bid(alice, id, 1_000, 2_000)).body.auction.endsAt as string;
      t.clock.set(new Date(t.clock.now().getTime() + 60_000)); // a bid now would extend it again
      expect(expectProblem(await w.bid(alice, id, 1_500, 2_000), 409, 'AUCTION_BID_TOO_LOW')).toMatchObject({
        minimum: 2_001,
      });
      expectProblem(await w.bid(alice, id, 1_900), 409, 'AUCTION_BID_TOO_LOW');
      const raised = await w.bid(alice, id, 1_000, 2_500);
      expect(raised.status).toBe(201);
      expect(raised.body.bid).toMatchObject({
        kind: 'max_raise',
        bidderId: alice.id,
        bidderAlias: 'Bidder 1',
        maxPrice: euros(2_500),
        price: euros(1_000),
        outcome: 'leading',
      });
      expect(raised.body.auction).toMatchObject({ bidCount: 1, currentPrice: euros(1_000), endsAt, reserveMet: false });
      const met = await w.bid(alice, id, 3_500);
      expect(met.body.auction).toMatchObject({ bidCount: 1, currentPrice: euros(3_000), endsAt, reserveMet: true });
      const history = (await get(`/auctions/${id}/bids`, alice.auth)).body.items as Body[];
      expect(history.map((bid) => [bid.kind, bid.price])).toEqual([['bid', euros(1_000)]]);
      const challenged = (await w.bid(bob, id, 3_100)).body.auction as Body;
      expect(challenged).toMatchObject({ currentPrice: euros(3_200), leadingBidderAlias: 'Bidder 1', bidCount: 2 });
      expect(Date.parse(challenged.endsAt as string)).toBe(Date.parse(endsAt) + 60_000);
    });
  });

  describe('Buy It Now', () => {
    it('shown and available while live without bids; a buyer ends it at once with their order; then unavailable', async () => {
      const listingId = await w.listing(1);
      const { id } = await liveAuction({ listingId, reservePrice: euros(3_000), buyItNowPrice: euros(4_000) });
      expect((await get(`/auctions/${id}`)).body).toMatchObject({
        buyItNowPrice: euros(4_000),
        buyItNowAvailable: true,
      });
      expectProblem(await buyNow(w.seller, id), 403);
      const bought = await buyNow(bob, id);
      expect(bought.status, JSON.stringify(bought.body)).toBe(200);
      expect(bought.body).toMatchObject({
        status: 'ended',
        winnerId: bob.id,
        winnerAlias: 'Bidder 1',
        currentPrice: euros(4_000),
        reserveMet: true,
        buyItNowAvailable: false,
        orderId: expect.any(String),
        bidCount: 0,
      });
      const orderId = bought.body.orderId as string;
      await vi.waitFor(async () => expect((await get(`/orders/${orderId}`, bob.auth)).status).toBe(200), {
        timeout: 5000,
        interval: 20,
      });
      expect((await get(`/orders/${orderId}`, bob.auth)).body).toMatchObject({
        buyerId: bob.id,
        status: 'pending_payment',
        auctionId: id,
        total: euros(4_000),
        items: [{ listingId, quantity: 1 }],
      });
      expect((await get(`/auctions/${id}`, bob.auth)).body).toMatchObject({ status: 'ended', orderId });
      expectProblem(await buyNow(alice, id), 409, 'AUCTION_BUY_NOW_UNAVAILABLE');
      expectProblem(await w.bid(alice, id, 5_000), 409, 'AUCTION_NOT_LIVE');
    });

    it('409 AUCTION_BUY_NOW_UNAVAILABLE without a price or after a bid; 404 for no auction; 401 anonymous', async () => {
      const plain = await liveAuction();
      expectProblem(await buyNow(alice, plain.id), 409, 'AUCTION_BUY_NOW_UNAVAILABLE');
      const offered = await liveAuction({ buyItNowPrice: euros(9_000) });
      await w.bid(alice, offered.id, 1_000);
      expect((await get(`/auctions/${offered.id}`)).body).toMatchObject({
        buyItNowPrice: euros(9_000),
        buyItNowAvailable: false,
      });
      expectProblem(await buyNow(bob, offered.id), 409, 'AUCTION_BUY_NOW_UNAVAILABLE');
      expectProblem(await buyNow(bob, 'no-such-auction'), 404, 'AUCTION_NOT_FOUND');
      expectProblem(await request(t.app).post(`/api/v1/auctions/${offered.id}/buy-now`), 401);
    });

    it('a price under the starting price or the reserve, or in another currency, is 400 naming the field', async () => {
      const cases: [Body, string][] = [
        [{ buyItNowPrice: euros(999) }, 'body.buyItNowPrice.amount'],
        [{ reservePrice: euros(3_000), buyItNowPrice: euros(2_999) }, 'body.buyItNowPrice.amount'],
        [{ buyItNowPrice: { amount: 5_000, currency: 'USD' } }, 'body.buyItNowPrice.currency'],
        [{ buyItNowPrice: { amount: -1, currency: 'EUR' } }, 'body.buyItNowPrice.amount'],
      ];
      for (const [overrides, path] of cases)
        expect(fieldPaths(expectProblem(await w.auction(overrides), 400)), JSON.stringify(overrides)).toContain(path);
    });

    it('buyers racing Buy It Now and bids: exactly one winner and one order, or bids and no buyer', async () => {
      const users = await Promise.all(Array.from({ length: 8 }, () => registerUser(t.app)));
      let bought = 0;
      for (let round = 0; round < 6; round += 1) {
        const { id } = await liveAuction({ buyItNowPrice: euros(5_000) });
        // Buyers first in most rounds, so that both outcomes happen.
        const bidsFirst = round % 3 === 2;
        const bidding = (index: number) => (index % 2 === 0) === bidsFirst;
        const results = await Promise.all(
          users.map((user, index) => (bidding(index) ? w.bid(user, id, 1_000 + 100 * index) : buyNow(user, id))),
        );
        const buys = results.filter((_, index) => !bidding(index));
        const bids = results.filter((_, index) => bidding(index));
        const winners = buys.filter((res) => res.status === 200);
        for (const refused of buys.filter((res) => res.status !== 200))
          expectProblem(refused, 409, 'AUCTION_BUY_NOW_UNAVAILABLE');
        for (const refused of bids.filter((res) => res.status !== 201))
          expect(['AUCTION_NOT_LIVE', 'AUCTION_BID_TOO_LOW']).toContain(refused.body.code);
        const final = (await get(`/auctions/${id}`, w.admin)).body as Body;
        if (winners.length === 0) {
          expect(final).toMatchObject({ status: 'live', buyItNowAvailable: false });
          expect(bids.filter((res) => res.status === 201).length).toBeGreaterThan(0);
          continue;
        }
        bought += 1;
        expect(winners).toHaveLength(1);
        expect(bids.filter((res) => res.status === 201)).toHaveLength(0);
        const winner = winners[0]!.body as Body;
        expect(final).toMatchObject({
          status: 'ended',
          winnerId: winner.winnerId,
          orderId: winner.orderId,
          bidCount: 0,
        });
        await vi.waitFor(
          async () => {
            const orders = await Promise.all(
              users.map(async (user) =>
                ((await get('/orders?limit=100', user.auth)).body.items as Body[]).filter(
                  (order) => order.auctionId === id,
                ),
              ),
            );
            expect(orders.flat().map((order) => [order.id, order.buyerId])).toEqual([
              [winner.orderId, winner.winnerId],
            ]);
          },
          { timeout: 5000, interval: 50 },
        );
      }
      expect(bought).toBeGreaterThan(0);
    }, 60_000);
  });
});
