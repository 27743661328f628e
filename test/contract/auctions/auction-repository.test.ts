import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryAuctionRepository } from '../../../src/adapters/memory/auctions/memory-auction-repository.js';
import { MongoAuctionRepository } from '../../../src/adapters/mongo/auctions/mongo-auction-repository.js';
import type { AuctionRepository } from '../../../src/application/auctions/ports/auction-repository.js';
import type { OutboxStore } from '../../../src/application/shared/outbox/outbox.js';
import { MemoryOutbox } from '../../../src/adapters/memory/shared/memory-outbox.js';
import { MongoOutboxStore } from '../../../src/adapters/mongo/shared/mongo-outbox.js';
import type { Auction } from '../../../src/domain/auctions/auction.js';
import { auctionFixture, eur } from '../../support/auction-fixture.js';
import { useMongoDatabase } from '../../support/mongo.js';
import { pendingEvents, sampleEvent } from '../../support/outbox-helpers.js';
import { describeWithService } from '../../support/real-services.js';

/** A live auction on a listing of its own, unless the overrides name one. */
function newAuction(overrides: Partial<Auction> = {}): Auction {
  return auctionFixture({ id: `a-${randomUUID()}`, listingId: `l-${randomUUID()}`, ...overrides });
}

async function allPages(
  list: (cursor?: string) => Promise<{ items: Auction[]; nextCursor: string | null }>,
): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page += 1) {
    const result = await list(cursor);
    ids.push(...result.items.map((a) => a.id));
    if (!result.nextCursor) return ids;
    cursor = result.nextCursor;
  }
  throw new Error('too many pages');
}

const newestIds = (auctions: Auction[]) =>
  [...auctions]
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
    .map((a) => a.id);

/** `make` gives an empty repository and its outbox: each test sees only the auctions it stores. */
function auctionRepositoryContract(make: () => Promise<{ auctions: AuctionRepository; outbox: OutboxStore }>): void {
  it('a create stores its events in the same write; a refused create stores none; reads never show them', async () => {
    const { auctions, outbox } = await make();
    const first = newAuction();
    expect(await auctions.create(first, [sampleEvent(`created-${first.id}`)])).toBe(true);
    expect(await auctions.create(newAuction({ listingId: first.listingId }), [sampleEvent('refused')])).toBe(false);
    expect((await pendingEvents(outbox)).map((event) => event.id)).toEqual([`created-${first.id}`]);
    expect(await auctions.findById(first.id)).toStrictEqual(first);
    expect((await auctions.listOpen()).find((auction) => auction.id === first.id)).toStrictEqual(first);
  });

  it('stores and finds an auction as it was, optional fields absent or set', async () => {
    const { auctions } = await make();
    const plain = newAuction();
    const full = newAuction({
      reservePrice: eur(5000),
      buyItNowPrice: eur(6000),
      status: 'ended',
      winnerId: null,
      orderId: 'o1',
      bidCount: 3,
      leadingBidderId: 'b1',
      leaderMaxAmount: 4000,
      bidders: ['b2', 'b1'],
    });
    expect(await auctions.create(plain, [])).toBe(true);
    expect(await auctions.create(full, [])).toBe(true);
    expect(await auctions.findById(plain.id)).toStrictEqual(plain);
    expect(await auctions.findById(full.id)).toStrictEqual(full);
    expect(await auctions.findById('absent')).toBeNull();
  });

  it('refuses a second open auction for a listing, and allows one once the first ended or was cancelled', async () => {
    const { auctions } = await make();
    const first = newAuction({ status: 'scheduled' });
    const second = newAuction({ listingId: first.listingId });
    expect(await auctions.create(first, [])).toBe(true);
    expect(await auctions.create(second, [])).toBe(false);
    expect(await auctions.findById(second.id)).toBeNull();
    await auctions.saveState({ ...first, status: 'cancelled' });
    expect(await auctions.create(second, [])).toBe(true);
    await auctions.saveState({ ...second, status: 'ended', winnerId: null });
    const third = newAuction({ listingId: first.listingId });
    expect(await auctions.create(third, [])).toBe(true);
    expect(await auctions.create(newAuction({ listingId: first.listingId }), [])).toBe(false);
  });

  it('of 20 racing creates for one listing exactly one answers true and is stored', async () => {
    const { auctions } = await make();
    const listingId = `l-${randomUUID()}`;
    const racing = Array.from({ length: 20 }, () => newAuction({ listingId }));
    const results = await Promise.all(racing.map((auction) => auctions.create(auction, [])));
    expect(results.filter(Boolean)).toHaveLength(1);
    const stored = await Promise.all(racing.map((auction) => auctions.findById(auction.id)));
    expect(stored.filter((auction) => auction !== null).map((auction) => auction.id)).toEqual([
      racing[results.indexOf(true)]!.id,
    ]);
  });

  it('saveState ignores a stale view (fewer bids), writes an equal count, keeps an ended auction final and ignores unknown ids', async () => {
    const { auctions } = await make();
    const auction = newAuction();
    await auctions.create(auction, []);
    const twoBids = { ...auction, bidCount: 2, currentPrice: eur(1200), leadingBidderId: 'b2', leaderMaxAmount: 1500 };
    await auctions.saveState(twoBids);
    await auctions.saveState({
      ...auction,
      bidCount: 1,
      currentPrice: eur(1100),
      leadingBidderId: 'b1',
      leaderMaxAmount: 1100,
    });
    expect(await auctions.findById(auction.id)).toStrictEqual(twoBids);
    const extended = { ...twoBids, endsAt: new Date(twoBids.endsAt.getTime() + 30_000) };
    await auctions.saveState(extended);
    expect(await auctions.findById(auction.id)).toStrictEqual(extended);
    const ended = { ...extended, status: 'ended' as const, winnerId: 'b2' };
    await auctions.saveState(ended);
    await auctions.saveState({ ...extended, bidCount: 3, currentPrice: eur(1600), leadingBidderId: 'b3' });
    expect(await auctions.findById(auction.id)).toStrictEqual(ended);
    const unknown = newAuction();
    await auctions.saveState(unknown);
    expect(await auctions.findById(unknown.id)).toBeNull();
  });

  it("saveState: as many bids and a lower leader maximum is stale (the leader raised it since); Buy It Now's close is written", async () => {
    const { auctions } = await make();
    const auction = newAuction({ buyItNowPrice: eur(9000) });
    await auctions.create(auction, []);
    const bid = { ...auction, bidCount: 1, leadingBidderId: 'b1', leaderMaxAmount: 2000, bidders: ['b1'] };
    const raised = { ...bid, leaderMaxAmount: 3000, currentPrice: eur(2500) };
    await auctions.saveState(raised);
    await auctions.saveState(bid);
    expect(await auctions.findById(auction.id)).toStrictEqual(raised);
    const other = newAuction({ buyItNowPrice: eur(9000) });
    await auctions.create(other, []);
    const bought = {
      ...other,
      status: 'ended' as const,
      winnerId: 'buyer',
      leadingBidderId: 'buyer',
      leaderMaxAmount: 9000,
      currentPrice: eur(9000),
      orderId: 'o-1',
      bidders: ['buyer'],
    };
    await auctions.saveState(bought);
    expect(await auctions.findById(other.id)).toStrictEqual(bought);
    expect(await auctions.create(newAuction({ listingId: other.listingId }), [])).toBe(true);
  });

  it('of 100 racing saves of one auction, in any order, the one with the most bids is what stays', async () => {
    const { auctions } = await make();
    const auction = newAuction();
    await auctions.create(auction, []);
    const states = Array.from({ length: 100 }, (_, i) => ({
      ...auction,
      bidCount: i + 1,
      currentPrice: eur(1000 + 100 * i),
      leadingBidderId: `b${i % 7}`,
    }));
    const shuffled = states
      .map((state, i) => ({ state, key: (i * 37) % 101 }))
      .sort((x, y) => x.key - y.key)
      .map(({ state }) => state);
    await Promise.all(shuffled.map((state) => auctions.saveState(state)));
    expect(await auctions.findById(auction.id)).toStrictEqual(states[99]);
  });

  it('a stale ended view does not free the listing of an auction stored with more bids', async () => {
    const { auctions } = await make();
    const auction = newAuction();
    await auctions.create(auction, []);
    await auctions.saveState({ ...auction, bidCount: 2 });
    await auctions.saveState({ ...auction, bidCount: 1, status: 'ended', winnerId: null });
    expect(await auctions.findById(auction.id)).toMatchObject({ status: 'live', bidCount: 2 });
    expect(await auctions.create(newAuction({ listingId: auction.listingId }), [])).toBe(false);
  });

  it('records the order of an ended auction, idempotently, and a later save keeps it', async () => {
    const { auctions } = await make();
    const auction = newAuction();
    await auctions.create(auction, []);
    const ended = { ...auction, status: 'ended' as const, winnerId: 'b1', bidCount: 1, leadingBidderId: 'b1' };
    await auctions.saveState(ended);
    await auctions.recordOrder(auction.id, 'o-1');
    await auctions.recordOrder(auction.id, 'o-1');
    await auctions.saveState(ended);
    expect(await auctions.findById(auction.id)).toStrictEqual({ ...ended, orderId: 'o-1' });
    await auctions.recordOrder('absent', 'o-2');
    expect(await auctions.findById('absent')).toBeNull();
  });

  it('lists newest first, by status or all, paging without gaps or duplicates', async () => {
    const { auctions } = await make();
    const created: Auction[] = [];
    for (let i = 0; i < 12; i += 1) {
      // Pairs share a timestamp so the id breaks the tie.
      const auction = newAuction({ createdAt: new Date(Date.UTC(2026, 2, 1, 10, Math.floor(i / 2))) });
      await auctions.create(auction, []);
      const stored = i % 3 === 0 ? { ...auction, status: 'ended' as const, winnerId: null } : auction;
      if (stored !== auction) await auctions.saveState(stored);
      created.push(stored);
    }
    expect(await allPages((cursor) => auctions.list({}, { limit: 5, cursor }))).toEqual(newestIds(created));
    expect(await allPages((cursor) => auctions.list({ status: 'ended' }, { limit: 2, cursor }))).toEqual(
      newestIds(created.filter((a) => a.status === 'ended')),
    );
    expect(await allPages((cursor) => auctions.list({ status: 'live' }, { limit: 3, cursor }))).toEqual(
      newestIds(created.filter((a) => a.status === 'live')),
    );
    expect(await auctions.list({ status: 'cancelled' }, { limit: 3 })).toEqual({ items: [], nextCursor: null });
    await expect(auctions.list({}, { limit: 3, cursor: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'INVALID_CURSOR',
      kind: 'invalid',
    });
  });

  it('listOpen gives every scheduled or live auction and no ended or cancelled one', async () => {
    const { auctions } = await make();
    const scheduled = newAuction({ status: 'scheduled' });
    const live = newAuction();
    const ended = newAuction();
    const cancelled = newAuction();
    for (const auction of [scheduled, live, ended, cancelled]) await auctions.create(auction, []);
    await auctions.saveState({ ...ended, status: 'ended', winnerId: null });
    await auctions.saveState({ ...cancelled, status: 'cancelled' });
    const open = await auctions.listOpen();
    expect(open.map((a) => a.id).sort()).toEqual([scheduled.id, live.id].sort());
    expect(open.find((a) => a.id === scheduled.id)).toStrictEqual(scheduled);
  });
}

describe('MemoryAuctionRepository', () =>
  auctionRepositoryContract(async () => {
    const outbox = new MemoryOutbox();
    return { auctions: new MemoryAuctionRepository(outbox), outbox };
  }));

describeWithService('MONGO_URL', 'MongoAuctionRepository', (url) => {
  const db = useMongoDatabase(url);
  const make = async () => {
    await db().collection('auctions').deleteMany({});
    await db().collection('auction_listing_claims').deleteMany({});
    const outbox = new MongoOutboxStore(db().collection('auctions'));
    await outbox.ensureIndexes();
    const auctions = new MongoAuctionRepository(db(), outbox);
    await auctions.ensureIndexes();
    return { auctions, outbox };
  };
  auctionRepositoryContract(make);

  it('an auction stored before aliases (1.1) knows its leader as its only bidder', async () => {
    const { auctions } = await make();
    const {
      id,
      bidders: _bidders,
      ...rest
    } = newAuction({ bidCount: 2, leadingBidderId: 'b2', leaderMaxAmount: 1500 });
    await db()
      .collection('auctions')
      .insertOne({ _id: id as never, ...rest });
    expect(await auctions.findById(id)).toStrictEqual({ id, ...rest, bidders: ['b2'] });
  });

  it('a claim left by a crash (its auction ended, or never stored) does not block the listing', async () => {
    const { auctions } = await make();
    const claims = db().collection<{ _id: string; auctionId: string; claimedAt: Date }>('auction_listing_claims');
    const ended = newAuction();
    await auctions.create(ended, []);
    // The crash between the ended auction's save and the release of its claim.
    await db()
      .collection<{ _id: string }>('auctions')
      .updateOne({ _id: ended.id }, { $set: { status: 'ended' } });
    expect(await auctions.create(newAuction({ listingId: ended.listingId }), [])).toBe(true);
    // The crash between a create's two inserts, longer ago than any create takes.
    const orphanListing = `l-${randomUUID()}`;
    await claims.insertOne({
      _id: orphanListing,
      auctionId: 'never-stored',
      claimedAt: new Date(Date.now() - 3_600_000),
    });
    expect(await auctions.create(newAuction({ listingId: orphanListing }), [])).toBe(true);
  });

  it('a fresh claim whose auction is not stored yet (a create in flight) still holds the listing', async () => {
    const { auctions } = await make();
    const claims = db().collection<{ _id: string; auctionId: string; claimedAt: Date }>('auction_listing_claims');
    const listingId = `l-${randomUUID()}`;
    await claims.insertOne({ _id: listingId, auctionId: 'being-inserted', claimedAt: new Date() });
    expect(await auctions.create(newAuction({ listingId }), [])).toBe(false);
  });
});
