import { describe, expect, it } from 'vitest';
import { AuctionRig, memoryAuctionStores } from '../../support/auction-rig.js';
import { eur } from '../../support/auction-fixture.js';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? String(error),
  );

/** The 1.1 use cases on memory stores: Buy It Now, and the leader's raise of their maximum. */
describe('auction use cases (1.1)', () => {
  const rig = () => new AuctionRig(memoryAuctionStores());

  it('BuyNow ends the auction at once: the winner, the order id assigned up front, auction.ended with it once, stored, off the timer, the unit kept for the order', async () => {
    const r = rig();
    const auction = await r.openAuction({ buyItNowPrice: 5000 });
    const bought = await r.process().buyNow.execute({ auctionId: auction.id, buyerId: 'buyer' });
    expect(bought).toMatchObject({
      status: 'ended',
      winnerId: 'buyer',
      currentPrice: eur(5000),
      orderId: expect.any(String),
      bidCount: 0,
    });
    expect(await r.stores.auctions.findById(auction.id)).toMatchObject({
      status: 'ended',
      winnerId: 'buyer',
      orderId: bought.orderId,
    });
    expect(await r.stores.schedule.due('end', new Date(8.64e15), 100)).toEqual([]);
    expect(r.stores.stock.held.has(auction.id)).toBe(true);
    await r.settle();
    const ended = r.bus.published.filter((event) => event.topic === 'auction.ended');
    expect(ended.map((event) => event.payload)).toEqual([
      expect.objectContaining({
        auctionId: auction.id,
        winnerId: 'buyer',
        orderId: bought.orderId,
        finalPrice: eur(5000),
        reserveMet: true,
      }),
    ]);
    expect(await codeOf(r.process().buyNow.execute({ auctionId: auction.id, buyerId: 'late' }))).toBe(
      'AUCTION_BUY_NOW_UNAVAILABLE',
    );
  });

  it('BuyNow refused (a bid came first, the seller, no price) leaves the auction live; the tick moves the early deadline back', async () => {
    const r = rig();
    const auction = await r.openAuction({ buyItNowPrice: 5000 });
    const plain = await r.openAuction();
    await r.process().placeBid.execute({ auctionId: auction.id, bidderId: 'b1', price: eur(1000) });
    expect(await codeOf(r.process().buyNow.execute({ auctionId: auction.id, buyerId: 'buyer' }))).toBe(
      'AUCTION_BUY_NOW_UNAVAILABLE',
    );
    expect(await codeOf(r.process().buyNow.execute({ auctionId: plain.id, buyerId: 'seller' }))).toBe(
      'AUCTION_SELLER_CANNOT_BUY',
    );
    expect(await codeOf(r.process().buyNow.execute({ auctionId: plain.id, buyerId: 'buyer' }))).toBe(
      'AUCTION_BUY_NOW_UNAVAILABLE',
    );
    expect(await codeOf(r.process().buyNow.execute({ auctionId: 'no-such-auction', buyerId: 'buyer' }))).toBe(
      'AUCTION_NOT_FOUND',
    );
    await r.process().closeDue.execute();
    expect((await r.stores.live.get(auction.id))?.status).toBe('live');
    expect(await r.stores.schedule.due('end', new Date(auction.endsAt.getTime() - 1), 100)).toEqual([]);
    expect((await r.stores.schedule.due('end', auction.endsAt, 100)).sort()).toEqual([auction.id, plain.id].sort());
  });

  it("PlaceBid: the leader's raise is logged as max_raise (kept out of the history), the stored auction follows it", async () => {
    const r = rig();
    const auction = await r.openAuction({ reservePrice: 3000 });
    const process = r.process();
    await process.placeBid.execute({ auctionId: auction.id, bidderId: 'b1', price: eur(1000) });
    const raised = await process.placeBid.execute({
      auctionId: auction.id,
      bidderId: 'b1',
      price: eur(1000),
      maxPrice: eur(4000),
    });
    expect(raised.bid).toMatchObject({
      kind: 'max_raise',
      bidderAlias: 'Bidder 1',
      price: eur(3000),
      maxPrice: eur(4000),
    });
    expect(raised.auction).toMatchObject({ bidCount: 1, currentPrice: eur(3000), leaderMaxAmount: 4000 });
    await r.settle();
    expect(await r.stores.auctions.findById(auction.id)).toMatchObject({
      bidCount: 1,
      currentPrice: eur(3000),
      leaderMaxAmount: 4000,
    });
    expect(
      (await r.stores.bids.listByAuction(auction.id, { limit: 10 }, { kind: 'bid' })).items.map((bid) => bid.kind),
    ).toEqual(['bid']);
    expect((await r.stores.bids.listByAuction(auction.id, { limit: 10 })).items.map((bid) => bid.kind)).toEqual([
      'max_raise',
      'bid',
    ]);
    expect(r.bus.published.filter((event) => event.topic === 'auction.max.raised')).toHaveLength(1);
  });
});
