import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CloseDueAuctions } from '../../../src/application/auctions/close-due-auctions/close-due-auctions.js';
import { StockLedger } from '../../../src/application/cart/ports/stock-ledger.js';
import { ListingRepository } from '../../../src/application/catalog/ports/listing-repository.js';
import { UserRepository } from '../../../src/application/identity/ports/user-repository.js';
import { auctionWorld, euros, type AuctionWorld } from '../../support/auction-helpers.js';
import { listingBody, createListing } from '../../support/catalog-helpers.js';
import {
  expectProblem,
  fieldPaths,
  registerUser,
  relogin as reloginUsers,
  signInAdmin,
  verifiedSeller,
  TEST_ADMIN,
  type SignedIn,
} from '../../support/http-helpers.js';
import { settleOutbox } from '../../support/outbox-helpers.js';
import { recordEvents } from '../../support/recorded-events.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

const address = { name: 'Ada Lovelace', line1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' };

describe('HTTP auctions', () => {
  let t: TestApp;
  let w: AuctionWorld;
  let alice: SignedIn;
  let bob: SignedIn;

  const relogin = (...users: SignedIn[]) => reloginUsers(t.app, ...users);
  const ledger = () => t.container.get<StockLedger>(StockLedger);
  const getAuction = (id: string) => request(t.app).get(`/api/v1/auctions/${id}`);
  const liveAuction = async (overrides: Record<string, unknown> = {}, minutes = 60) => {
    const res = await w.auction(overrides, minutes);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; listingId: string; endsAt: string };
  };
  /** Moves the clock past the auction's end and lets the timer close it. */
  const endAuction = async (id: string) => {
    const { endsAt } = (await getAuction(id)).body as { endsAt: string };
    t.clock.set(new Date(Date.parse(endsAt) + 1000));
    await t.container.get(CloseDueAuctions).execute();
    await vi.waitFor(async () => expect((await getAuction(id)).body.status).toBe('ended'), {
      timeout: 5000,
      interval: 20,
    });
    await relogin(alice, bob, w.seller); // the clock moved past their access tokens
  };
  beforeAll(async () => {
    t = await createTestApp(TEST_ADMIN);
    w = await auctionWorld(t);
    alice = await registerUser(t.app);
    bob = await registerUser(t.app);
  });
  beforeEach(async () => {
    await relogin(alice, bob, w.seller);
    w.admin = await signInAdmin(t.app);
  });
  afterAll(() => t.close());

  describe('POST /auctions', () => {
    it('creates a live auction of one unit of the listing, holding that unit in stock', async () => {
      const listingId = await w.listing(3);
      const body = await liveAuction({ listingId, reservePrice: euros(5_000), antiSnipingSeconds: 30 });
      expect(body).toMatchObject({
        listingId,
        sellerId: w.seller.id,
        title: 'Vélo de route',
        startingPrice: euros(1_000),
        minIncrement: euros(100),
        reservePrice: euros(5_000),
        currentPrice: euros(1_000),
        leadingBidderId: null,
        leadingBidderAlias: null,
        reserveMet: false,
        buyItNowAvailable: false,
        bidCount: 0,
        status: 'live',
        antiSnipingSeconds: 30,
      });
      expect(body).not.toHaveProperty('leaderMaxAmount');
      expect(body).not.toHaveProperty('bidders');
      expect(await ledger().level(listingId)).toMatchObject({ onHand: 3, reserved: 1, available: 2 });
      expect((await getAuction(body.id).set(w.seller.auth)).body).toEqual(body);
      const { reservePrice: _hidden, ...seenByAnyone } = body as Record<string, unknown>;
      expect((await getAuction(body.id)).body).toEqual(seenByAnyone);
    });

    it('with startsAt in the future it is scheduled and refuses bids until then', async () => {
      const body = await liveAuction({ startsAt: w.inMinutes(10) }, 70);
      expect(body).toMatchObject({ status: 'scheduled' });
      expectProblem(await w.bid(alice, body.id, 1_000), 409, 'AUCTION_NOT_LIVE');
      const scheduled = await request(t.app).get('/api/v1/auctions?status=scheduled&limit=100');
      expect(scheduled.body.items.map((a: { id: string }) => a.id)).toContain(body.id);
    });

    it("refuses what is not a verified seller's own published listing", async () => {
      const terms = { startingPrice: euros(1_000), minIncrement: euros(100), endsAt: w.inMinutes(60) };
      const listingId = await w.listing();
      expectProblem(
        await request(t.app)
          .post('/api/v1/auctions')
          .set(alice.auth)
          .send({ listingId, ...terms }),
        403,
      );
      const other = await verifiedSeller(t.app, w.admin);
      expectProblem(
        await request(t.app)
          .post('/api/v1/auctions')
          .set(other.auth)
          .send({ listingId, ...terms }),
        403,
        'AUCTION_NOT_LISTING_OWNER',
      );
      expectProblem(await w.auction({ listingId: 'no-such-listing' }), 404, 'LISTING_NOT_FOUND');
      const draft = await createListing(t.app, w.seller.auth, listingBody(w.categoryId));
      expectProblem(await w.auction({ listingId: draft.id }), 409, 'LISTING_NOT_FOR_SALE');
    });

    it('refuses a seller whose KYC is no longer verified (KYC_REQUIRED)', async () => {
      const lapsed = await verifiedSeller(t.app, w.admin);
      const listingId = await w.listingOf(lapsed);
      const users = t.container.get<UserRepository>(UserRepository);
      const user = await users.findById(lapsed.id);
      await users.save({ ...user!, kyc: { ...user!.kyc, status: 'pending' } }, []);
      const res = await request(t.app)
        .post('/api/v1/auctions')
        .set(lapsed.auth)
        .send({ listingId, startingPrice: euros(1_000), minIncrement: euros(100), endsAt: w.inMinutes(60) });
      expectProblem(res, 403, 'KYC_REQUIRED');
      expect(await ledger().level(listingId)).toMatchObject({ reserved: 0 });
    });

    it('one open auction per listing: a second one is refused, also when 20 race', async () => {
      const listingId = await w.listing(5);
      const results = await Promise.all(Array.from({ length: 20 }, () => w.auction({ listingId })));
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      for (const refused of results.filter((r) => r.status !== 201))
        expectProblem(refused, 409, 'AUCTION_ALREADY_OPEN');
      expect(await ledger().level(listingId)).toMatchObject({ onHand: 5, reserved: 1, available: 4 });
      const single = await w.listing(1);
      await liveAuction({ listingId: single });
      expectProblem(await w.auction({ listingId: single }), 409, 'INSUFFICIENT_STOCK');
    });

    it('bad terms are 400 naming the field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ startingPrice: { amount: 1_000, currency: 'USD' } }, 'body.startingPrice.currency'],
        [{ endsAt: w.inMinutes(-1) }, 'body.endsAt'],
        [{ endsAt: 'tomorrow' }, 'body.endsAt'],
        [{ reservePrice: euros(500) }, 'body.reservePrice.amount'],
        [{ minIncrement: euros(0) }, 'body.minIncrement.amount'],
        [{ startingPrice: { amount: 10.5, currency: 'EUR' } }, 'body.startingPrice.amount'],
        [{ antiSnipingSeconds: -1 }, 'body.antiSnipingSeconds'],
        [{ endsAt: w.inMinutes(60 * 24 * 31) }, 'body.endsAt'],
        [{ winnerId: 'me' }, 'body.winnerId'],
      ];
      for (const [overrides, path] of cases) {
        const res = await w.auction(overrides);
        expect(fieldPaths(expectProblem(res, 400)), JSON.stringify(overrides)).toContain(path);
      }
    });
  });

  describe('POST /auctions/:id/bids', () => {
    it('first bid at least the starting price, then current + increment; 409 says the current price', async () => {
      const { id } = await liveAuction();
      const low = expectProblem(await w.bid(alice, id, 999), 409, 'AUCTION_BID_TOO_LOW');
      expect(low).toMatchObject({ minimum: 1_000, currentPrice: euros(1_000) });
      const first = await w.bid(alice, id, 1_000);
      expect(first.status).toBe(201);
      expect(first.body.bid).toMatchObject({ bidderId: alice.id, price: euros(1_000), outcome: 'leading' });
      expect(first.body.bid.id).toEqual(expect.any(String));
      expect(first.body.auction).toMatchObject({ currentPrice: euros(1_000), leadingBidderId: alice.id, bidCount: 1 });
      expect(expectProblem(await w.bid(bob, id, 1_099), 409, 'AUCTION_BID_TOO_LOW')).toMatchObject({
        minimum: 1_100,
        currentPrice: euros(1_000),
      });
      expect((await w.bid(bob, id, 1_100)).body.auction).toMatchObject({ leadingBidderId: bob.id, bidCount: 2 });
    });

    it('refuses other currencies, maxPrice under price, unknown auctions and anonymous callers', async () => {
      const { id } = await liveAuction();
      const bidOn = (body: object) => request(t.app).post(`/api/v1/auctions/${id}/bids`).set(alice.auth).send(body);
      expect(
        fieldPaths(
          expectProblem(await bidOn({ price: { amount: 5_000, currency: 'USD' } }), 400, 'AUCTION_WRONG_CURRENCY'),
        ),
      ).toContain('body.price.currency');
      expect(
        fieldPaths(
          expectProblem(await bidOn({ price: euros(5_000), maxPrice: { amount: 9_000, currency: 'USD' } }), 400),
        ),
      ).toContain('body.maxPrice.currency');
      expect(fieldPaths(expectProblem(await w.bid(alice, id, 2_000, 1_500), 400, 'AUCTION_MAX_BELOW_PRICE'))).toContain(
        'body.maxPrice',
      );
      expect(fieldPaths(expectProblem(await bidOn({ price: 5_000 }), 400))).toContain('body.price');
      expect(fieldPaths(expectProblem(await bidOn({ price: euros(-1) }), 400))).toContain('body.price.amount');
      expectProblem(await w.bid(alice, 'no-such-auction', 1_000), 404, 'AUCTION_NOT_FOUND');
      expectProblem(
        await request(t.app)
          .post(`/api/v1/auctions/${id}/bids`)
          .send({ price: euros(5_000) }),
        401,
      );
      expectProblem(
        await request(t.app)
          .post(`/api/v1/auctions/${id}/bids`)
          .set(w.seller.auth)
          .send({ price: euros(5_000) }),
        403,
      );
      expect((await getAuction(id)).body.bidCount).toBe(0);
    });

    it('the seller (who also buys) cannot bid on their own auction', async () => {
      const both = await verifiedSeller(t.app, w.admin, ['seller', 'buyer']);
      const listingId = await w.listingOf(both);
      const created = await request(t.app)
        .post('/api/v1/auctions')
        .set(both.auth)
        .send({ listingId, startingPrice: euros(1_000), minIncrement: euros(100), endsAt: w.inMinutes(60) });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expectProblem(await w.bid(both, created.body.id, 1_000), 403, 'AUCTION_SELLER_CANNOT_BID');
    });

    it('proxy bidding: the system bids for the leader up to their maximum, which nobody sees', async () => {
      const { id } = await liveAuction();
      expect((await w.bid(alice, id, 1_000, 3_000)).body.bid).toMatchObject({
        maxPrice: euros(3_000),
        outcome: 'leading',
      });
      const outbid = await w.bid(bob, id, 1_500);
      expect(outbid.status).toBe(201);
      expect(outbid.body.bid.outcome).toBe('outbid');
      expect(outbid.body.auction).toMatchObject({
        currentPrice: euros(1_600),
        leadingBidderId: null,
        leadingBidderAlias: 'Bidder 1',
        bidCount: 2,
      });
      const overtaken = await w.bid(bob, id, 3_100);
      expect(overtaken.body.auction).toMatchObject({
        currentPrice: euros(3_100),
        leadingBidderId: bob.id,
        leadingBidderAlias: 'Bidder 2',
      });
      const bids = await request(t.app).get(`/api/v1/auctions/${id}/bids`);
      expect(bids.status).toBe(200);
      expect(bids.body.items.map((b: { price: { amount: number } }) => b.price.amount)).toEqual([3_100, 1_500, 1_000]);
      expect(JSON.stringify(bids.body)).not.toContain('maxPrice');
      expect(JSON.stringify((await getAuction(id)).body)).not.toContain('3000');
      const paged = await request(t.app).get(`/api/v1/auctions/${id}/bids?limit=2`);
      const rest = await request(t.app).get(
        `/api/v1/auctions/${id}/bids?limit=2&cursor=${paged.body.nextCursor as string}`,
      );
      expect([...paged.body.items, ...rest.body.items].map((b: { id: string }) => b.id)).toEqual(
        bids.body.items.map((b: { id: string }) => b.id),
      );
      expectProblem(await request(t.app).get('/api/v1/auctions/nope/bids'), 404, 'AUCTION_NOT_FOUND');
    });

    it('50 racing bids: the accepted ones strictly increase by the increment, one auction.bid.placed each, none lost', async () => {
      const { id } = await liveAuction();
      const events = recordEvents(t.container);
      const bidders = await Promise.all(Array.from({ length: 10 }, () => registerUser(t.app)));
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => w.bid(bidders[i % 10]!, id, 1_000 + 100 * Math.floor(i / 2))),
      );
      // A bidder who happens to lead when their next request lands raises their maximum: not a bid of the history.
      const accepted = results.filter((r) => r.status === 201 && r.body.bid.kind === 'bid');
      for (const refused of results.filter((r) => r.status !== 201)) expectProblem(refused, 409, 'AUCTION_BID_TOO_LOW');
      const placed = () =>
        events.filter((e) => e.topic === 'auction.bid.placed' && (e.payload as { auctionId: string }).auctionId === id);
      await vi.waitFor(() => expect(placed()).toHaveLength(accepted.length), { timeout: 5000, interval: 20 });
      const byCount = accepted
        .map((r) => r.body.auction as { bidCount: number; currentPrice: { amount: number } })
        .sort((a, b) => a.bidCount - b.bidCount);
      expect(byCount.map((a) => a.bidCount)).toEqual(byCount.map((_, i) => i + 1));
      for (let i = 1; i < byCount.length; i += 1)
        expect(byCount[i]!.currentPrice.amount).toBeGreaterThanOrEqual(byCount[i - 1]!.currentPrice.amount + 100);
      const final = (await getAuction(id)).body;
      expect(final.bidCount).toBe(accepted.length);
      expect(final.currentPrice.amount).toBe(Math.max(...accepted.map((r) => r.body.bid.price.amount as number)));
      const log = await request(t.app).get(`/api/v1/auctions/${id}/bids?limit=100`);
      expect(log.body.items.map((b: { id: string }) => b.id).sort()).toEqual(
        accepted.map((r) => r.body.bid.id as string).sort(),
      );
    });

    it('Idempotency-Key: the same key and body answer the first answer and store one bid; another body or auction is 409; a malformed key is 400', async () => {
      const { id } = await liveAuction();
      const first = await w.bid(alice, id, 1_000, 2_000, 'bid-key-00000001');
      expect(first.status).toBe(201);
      const again = await w.bid(alice, id, 1_000, 2_000, 'bid-key-00000001');
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(
        (await request(t.app).get(`/api/v1/auctions/${id}/bids`)).body.items.map((b: { id: string }) => b.id),
      ).toEqual([first.body.bid.id]);
      expect((await getAuction(id)).body.bidCount).toBe(1);
      expectProblem(await w.bid(alice, id, 1_500, 2_000, 'bid-key-00000001'), 409, 'IDEMPOTENCY_KEY_REUSED');
      const other = await liveAuction();
      expectProblem(await w.bid(alice, other.id, 1_000, 2_000, 'bid-key-00000001'), 409, 'IDEMPOTENCY_KEY_REUSED');
      const bobs = await w.bid(bob, id, 1_100, undefined, 'bid-key-00000001');
      expect(bobs.status).toBe(201);
      expect(bobs.body.bid.id).not.toBe(first.body.bid.id);
      for (const bad of ['short', 'x'.repeat(129), 'has spaces in it']) {
        expect(fieldPaths(expectProblem(await w.bid(alice, id, 3_000, undefined, bad), 400))).toContain(
          'headers.idempotency-key',
        );
      }
      expect((await getAuction(id)).body.bidCount).toBe(2);
    });

    it('20 copies of one keyed bid at once: 201 each with the same bid, one bid stored, one auction.bid.placed', async () => {
      const { id } = await liveAuction();
      const events = recordEvents(t.container);
      const copies = await Promise.all(
        Array.from({ length: 20 }, () => w.bid(bob, id, 1_200, undefined, 'bid-key-racing-01')),
      );
      expect(copies.map((r) => r.status)).toEqual(copies.map(() => 201));
      expect(new Set(copies.map((r) => r.body.bid.id as string)).size).toBe(1);
      expect((await request(t.app).get(`/api/v1/auctions/${id}/bids`)).body.items).toHaveLength(1);
      expect((await getAuction(id)).body.bidCount).toBe(1);
      await settleOutbox(t.container);
      expect(
        events.filter((e) => e.topic === 'auction.bid.placed' && (e.payload as { auctionId: string }).auctionId === id),
      ).toHaveLength(1);
    });

    it('a bid in the last antiSnipingSeconds moves endsAt so that many seconds remain', async () => {
      const { id, endsAt } = await liveAuction({ antiSnipingSeconds: 120 }, 10);
      t.clock.set(new Date(Date.parse(endsAt) - 30_000));
      const late = await w.bid(alice, id, 1_000);
      expect(Date.parse(late.body.auction.endsAt)).toBe(t.clock.now().getTime() + 120_000);
    });
  });

  describe('the end, the winner and cancel', () => {
    it('the winner gets an order in pending_payment, pays it with an address; the held unit is sold', async () => {
      const listingId = await w.listing(1);
      const { id } = await liveAuction({ listingId });
      await w.bid(alice, id, 1_000);
      await w.bid(bob, id, 1_500);
      await endAuction(id);
      expectProblem(await w.bid(alice, id, 5_000), 409, 'AUCTION_NOT_LIVE');
      const ended = (await getAuction(id).set(bob.auth)).body;
      expect(ended).toMatchObject({
        status: 'ended',
        winnerId: bob.id,
        winnerAlias: 'Bidder 2',
        currentPrice: euros(1_500),
      });
      await vi.waitFor(
        async () => expect((await getAuction(id).set(bob.auth)).body.orderId).toEqual(expect.any(String)),
        { timeout: 5000, interval: 20 },
      );
      const orderId = (await getAuction(id).set(bob.auth)).body.orderId as string;
      const order = await request(t.app).get(`/api/v1/orders/${orderId}`).set(bob.auth);
      expect(order.body).toMatchObject({
        buyerId: bob.id,
        status: 'pending_payment',
        auctionId: id,
        total: euros(1_500),
        items: [{ listingId, sellerId: w.seller.id, quantity: 1, unitPrice: euros(1_500) }],
      });
      expect(order.body).not.toHaveProperty('shippingAddress');
      expect(
        fieldPaths(
          expectProblem(
            await request(t.app)
              .post(`/api/v1/orders/${orderId}/pay`)
              .set(bob.auth)
              .send({ paymentMethod: 'test_card' }),
            400,
            'ORDER_SHIPPING_ADDRESS_REQUIRED',
          ),
        ),
      ).toContain('body.shippingAddress');
      const paid = await request(t.app)
        .post(`/api/v1/orders/${orderId}/pay`)
        .set(bob.auth)
        .send({ paymentMethod: 'test_card', shippingAddress: address });
      expect(paid.body).toMatchObject({ status: 'paid', shippingAddress: address });
      await vi.waitFor(
        async () => {
          expect(await ledger().level(listingId)).toMatchObject({ onHand: 0, reserved: 0, available: 0 });
          expect((await t.container.get<ListingRepository>(ListingRepository).findById(listingId))?.quantity).toBe(0);
        },
        { timeout: 5000, interval: 20 },
      );
    });

    it('below the reserve nobody wins, no order is made and the unit goes back to stock', async () => {
      const listingId = await w.listing(1);
      const { id } = await liveAuction({ listingId, reservePrice: euros(10_000) });
      await w.bid(alice, id, 2_000);
      await endAuction(id);
      expect((await getAuction(id)).body).toMatchObject({ status: 'ended', winnerId: null, bidCount: 1 });
      expect(await ledger().level(listingId)).toMatchObject({ onHand: 1, reserved: 0, available: 1 });
      const orders = await request(t.app).get('/api/v1/orders').set(alice.auth);
      expect(orders.body.items.filter((o: { auctionId?: string }) => o.auctionId === id)).toEqual([]);
      const ended = await request(t.app).get('/api/v1/auctions?status=ended&limit=100');
      expect(ended.body.items.map((a: { id: string }) => a.id)).toContain(id);
    });

    it('the seller cancels before the first bid (unit back in stock); after a bid only an admin can', async () => {
      const listingId = await w.listing(1);
      const first = await liveAuction({ listingId });
      expectProblem(
        await request(t.app).post(`/api/v1/auctions/${first.id}/cancel`).set(alice.auth),
        403,
        'AUCTION_NOT_SELLER',
      );
      const cancelled = await request(t.app).post(`/api/v1/auctions/${first.id}/cancel`).set(w.seller.auth);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');
      expect(await ledger().level(listingId)).toMatchObject({ reserved: 0, available: 1 });
      expectProblem(await w.bid(alice, first.id, 1_000), 409, 'AUCTION_NOT_LIVE');
      const second = await liveAuction({ listingId });
      await w.bid(alice, second.id, 1_000);
      expectProblem(
        await request(t.app).post(`/api/v1/auctions/${second.id}/cancel`).set(w.seller.auth),
        409,
        'AUCTION_CANNOT_CANCEL',
      );
      expect((await request(t.app).post(`/api/v1/auctions/${second.id}/cancel`).set(w.admin)).body.status).toBe(
        'cancelled',
      );
      expectProblem(
        await request(t.app).post(`/api/v1/auctions/${second.id}/cancel`).set(w.admin),
        409,
        'AUCTION_NOT_LIVE',
      );
      expectProblem(await request(t.app).post('/api/v1/auctions/nope/cancel').set(w.admin), 404, 'AUCTION_NOT_FOUND');
    });

    it('GET /auctions filters by status and pages newest first; bad status is 400', async () => {
      const all = await request(t.app).get('/api/v1/auctions?limit=100');
      expect(all.status).toBe(200);
      expect(all.body.items.length).toBeGreaterThan(3);
      const live = await request(t.app).get('/api/v1/auctions?status=live&limit=100');
      expect(live.body.items.every((a: { status: string }) => a.status === 'live')).toBe(true);
      const created = all.body.items.map((a: { createdAt: string }) => Date.parse(a.createdAt));
      expect(created).toEqual([...created].sort((a: number, b: number) => b - a));
      expect(fieldPaths(expectProblem(await request(t.app).get('/api/v1/auctions?status=open'), 400))).toContain(
        'query.status',
      );
      expectProblem(await getAuction('nope'), 404, 'AUCTION_NOT_FOUND');
    });
  });
});
