import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryBidRepository } from '../../../src/adapters/memory/auctions/memory-bid-repository.js';
import { MongoBidRepository } from '../../../src/adapters/mongo/auctions/mongo-bid-repository.js';
import type { BidRepository, StoredBid } from '../../../src/application/auctions/ports/bid-repository.js';
import { AUCTION_START, eur } from '../../support/auction-fixture.js';
import { useMongoDatabase } from '../../support/mongo.js';
import { describeWithService } from '../../support/real-services.js';

/** The auction's `sequence`-th accepted bid, a second after the previous one. */
function bid(auctionId: string, sequence: number, overrides: Partial<StoredBid> = {}): StoredBid {
  return {
    id: `bid-${randomUUID()}`,
    auctionId,
    bidderId: `b${sequence % 3}`,
    bidderAlias: `Bidder ${(sequence % 3) + 1}`,
    kind: 'bid',
    price: eur(1000 + 100 * sequence),
    sequence,
    outcome: 'leading',
    createdAt: new Date(AUCTION_START.getTime() + sequence * 1000),
    ...overrides,
  };
}

async function allPages(
  list: (cursor?: string) => Promise<{ items: StoredBid[]; nextCursor: string | null }>,
): Promise<number[]> {
  const sequences: number[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page += 1) {
    const result = await list(cursor);
    sequences.push(...result.items.map((b) => b.sequence));
    if (!result.nextCursor) return sequences;
    cursor = result.nextCursor;
  }
  throw new Error('too many pages');
}

function bidRepositoryContract(make: () => Promise<BidRepository>): void {
  it('stores a bid as it was, maxPrice absent or set', async () => {
    const bids = await make();
    const auctionId = `a-${randomUUID()}`;
    const plain = bid(auctionId, 1);
    const proxy = bid(auctionId, 2, { maxPrice: eur(2500), outcome: 'outbid' });
    await bids.append(plain);
    await bids.append(proxy);
    expect(await bids.listByAuction(auctionId, { limit: 10 })).toStrictEqual({
      items: [proxy, plain],
      nextCursor: null,
    });
  });

  it('stores a bid appended again (a retry) once, as first appended', async () => {
    const bids = await make();
    const auctionId = `a-${randomUUID()}`;
    const first = bid(auctionId, 1);
    await bids.append(first);
    await bids.append(first);
    await bids.append({ ...first, price: eur(9999) });
    expect((await bids.listByAuction(auctionId, { limit: 10 })).items).toStrictEqual([first]);
  });

  it('200 racing appends on one auction, 50 of them retries, store each bid once', async () => {
    const bids = await make();
    const auctionId = `a-${randomUUID()}`;
    const all = Array.from({ length: 150 }, (_, i) => bid(auctionId, i + 1));
    await Promise.all([...all, ...all.slice(0, 50)].map((b) => bids.append(b)));
    expect(
      await allPages((cursor) => bids.listByAuction(auctionId, { limit: 100, ...(cursor ? { cursor } : {}) })),
    ).toEqual(all.map((b) => b.sequence).reverse());
  });

  it("lists an auction's bids newest first (highest sequence), paging without gaps or duplicates", async () => {
    const bids = await make();
    const auctionId = `a-${randomUUID()}`;
    const other = `a-${randomUUID()}`;
    // Appended out of order: the sequence orders them, not the arrival.
    for (const sequence of [3, 1, 7, 2, 5, 4, 6]) await bids.append(bid(auctionId, sequence));
    await bids.append(bid(other, 8));
    expect(await allPages((cursor) => bids.listByAuction(auctionId, { limit: 3, cursor }))).toEqual([
      7, 6, 5, 4, 3, 2, 1,
    ]);
    expect(await allPages((cursor) => bids.listByAuction(auctionId, { limit: 7, cursor }))).toEqual([
      7, 6, 5, 4, 3, 2, 1,
    ]);
    expect(await bids.listByAuction(`a-${randomUUID()}`, { limit: 3 })).toEqual({ items: [], nextCursor: null });
  });

  it('lists all entries by default, or those of one kind (the public history: bids), paging over the kind', async () => {
    const bids = await make();
    const auctionId = `a-${randomUUID()}`;
    for (const sequence of [1, 2, 3, 4, 5, 6])
      await bids.append(
        bid(auctionId, sequence, sequence % 2 === 0 ? { kind: 'max_raise', maxPrice: eur(9000 + sequence) } : {}),
      );
    expect(await allPages((cursor) => bids.listByAuction(auctionId, { limit: 2, cursor }))).toEqual([6, 5, 4, 3, 2, 1]);
    expect(await allPages((cursor) => bids.listByAuction(auctionId, { limit: 2, cursor }, { kind: 'bid' }))).toEqual([
      5, 3, 1,
    ]);
    expect(
      await allPages((cursor) => bids.listByAuction(auctionId, { limit: 2, cursor }, { kind: 'max_raise' })),
    ).toEqual([6, 4, 2]);
    expect((await bids.listByAuction(auctionId, { limit: 1 }, { kind: 'max_raise' })).items[0]).toMatchObject({
      kind: 'max_raise',
      maxPrice: eur(9006),
    });
  });

  it('answers INVALID_CURSOR (400 on the cursor query parameter) for a cursor it did not give', async () => {
    const bids = await make();
    for (const cursor of [
      'not-a-cursor',
      Buffer.from('-1').toString('base64url'),
      Buffer.from('1.5').toString('base64url'),
    ]) {
      await expect(bids.listByAuction('a1', { limit: 3, cursor })).rejects.toMatchObject({
        code: 'INVALID_CURSOR',
        kind: 'invalid',
        details: { errors: [{ field: 'cursor', source: 'query', message: 'invalid cursor' }] },
      });
    }
  });
}

describe('MemoryBidRepository', () => bidRepositoryContract(async () => new MemoryBidRepository()));

describeWithService('MONGO_URL', 'MongoBidRepository', (url) => {
  const db = useMongoDatabase(url);
  bidRepositoryContract(async () => {
    await db().collection('auction_bids').deleteMany({});
    const bids = new MongoBidRepository(db());
    await bids.ensureIndexes();
    return bids;
  });

  it('a bid stored before kinds and aliases (1.1) reads as a bid of the history', async () => {
    const auctionId = `a-${randomUUID()}`;
    const { id, kind: _kind, bidderAlias: _alias, ...rest } = bid(auctionId, 1);
    await db()
      .collection('auction_bids')
      .insertOne({ _id: id as never, ...rest });
    const bids = new MongoBidRepository(db());
    expect((await bids.listByAuction(auctionId, { limit: 5 }, { kind: 'bid' })).items).toEqual([
      { id, ...rest, kind: 'bid', bidderAlias: '' },
    ]);
  });
});
