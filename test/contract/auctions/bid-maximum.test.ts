import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryBidRepository } from '../../../src/adapters/memory/auctions/memory-bid-repository.js';
import { MongoBidRepository } from '../../../src/adapters/mongo/auctions/mongo-bid-repository.js';
import type { BidRepository, StoredBid } from '../../../src/application/auctions/ports/bid-repository.js';
import { AUCTION_START, eur } from '../../support/auction-fixture.js';
import { useMongoDatabase } from '../../support/mongo.js';
import { describeWithService } from '../../support/real-services.js';

/** An entry of the bid log: `price`, and `max` when the bidder gave a maximum. */
function entry(auctionId: string, sequence: number, bidderId: string, price: number, max?: number): StoredBid {
  return {
    id: `bid-${randomUUID()}`,
    auctionId,
    bidderId,
    bidderAlias: `Bidder ${bidderId}`,
    kind: 'bid',
    price: eur(price),
    ...(max === undefined ? {} : { maxPrice: eur(max) }),
    sequence,
    outcome: 'leading',
    createdAt: new Date(AUCTION_START.getTime() + sequence * 1000),
  };
}

/** BidRepository.highestMaximum: who a second-chance offer goes to, and at what price. */
function highestMaximumContract(make: () => Promise<BidRepository>): void {
  it('answers the bidder with the highest maximum (maxPrice, else price) of at least the floor, leaving out the excluded', async () => {
    const bids = await make();
    const auctionId = `a-${randomUUID()}`;
    for (const bid of [
      entry(auctionId, 1, 'ann', 1000, 1500),
      entry(auctionId, 2, 'bob', 1600), // no maximum: its price is
      entry(auctionId, 3, 'cat', 1700, 3000),
      entry(auctionId, 4, 'ann', 1800, 2200), // ann raised her maximum
      entry(`other-${auctionId}`, 1, 'dan', 9000, 9000),
    ]) {
      await bids.append(bid);
    }
    const next = (excludedBidderIds: string[], atLeast = 0) =>
      bids.highestMaximum(auctionId, { excludedBidderIds, atLeast });
    expect(await next([])).toEqual({ bidderId: 'cat', maximum: eur(3000), sequence: 3 });
    expect(await next(['cat'])).toEqual({ bidderId: 'ann', maximum: eur(2200), sequence: 4 });
    expect(await next(['cat', 'ann'])).toEqual({ bidderId: 'bob', maximum: eur(1600), sequence: 2 });
    expect(await next(['cat', 'ann'], 1700)).toBeNull(); // bob's maximum is below the reserve
    expect(await next(['cat', 'ann', 'bob'])).toBeNull();
    expect(await bids.highestMaximum('no-such-auction', { excludedBidderIds: [], atLeast: 0 })).toBeNull();
  });

  it('of equal maxima, the bidder who reached it first; a bid without maximum competes with maxima', async () => {
    const bids = await make();
    const auctionId = `a-${randomUUID()}`;
    for (const bid of [
      entry(auctionId, 1, 'ann', 1000),
      entry(auctionId, 2, 'bob', 1100, 2000),
      entry(auctionId, 3, 'cat', 2000),
      entry(auctionId, 4, 'dan', 1200, 2000),
    ]) {
      await bids.append(bid);
    }
    expect(await bids.highestMaximum(auctionId, { excludedBidderIds: [], atLeast: 0 })).toEqual({
      bidderId: 'bob',
      maximum: eur(2000),
      sequence: 2,
    });
    expect(await bids.highestMaximum(auctionId, { excludedBidderIds: ['bob'], atLeast: 0 })).toEqual({
      bidderId: 'cat',
      maximum: eur(2000),
      sequence: 3,
    });
    expect(await bids.highestMaximum(auctionId, { excludedBidderIds: ['bob', 'cat'], atLeast: 2000 })).toEqual({
      bidderId: 'dan',
      maximum: eur(2000),
      sequence: 4,
    });
  });
}

describe('MemoryBidRepository.highestMaximum', () => highestMaximumContract(async () => new MemoryBidRepository()));

describeWithService('MONGO_URL', 'MongoBidRepository.highestMaximum', (url) => {
  const db = useMongoDatabase(url);
  highestMaximumContract(async () => {
    const bids = new MongoBidRepository(db());
    await bids.ensureIndexes();
    return bids;
  });
});
