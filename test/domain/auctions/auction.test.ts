import { describe, expect, it } from 'vitest';
import { cancelAuction, closeAuction, placeBid, statusAt, type BidRequest } from '../../../src/domain/auctions/auction.js';
import { codeOf } from '../../support/domain-errors.js';
import { AUCTION_END, auctionFixture, eur } from '../../support/auction-fixture.js';

const end = AUCTION_END;
const auction = auctionFixture;
const during = new Date('2026-03-01T10:30:00Z');

function run(bids: BidRequest[], base = auction()) {
  let state = base;
  const outcomes = [];
  for (const bid of bids) {
    const result = placeBid(state, bid, during);
    state = result.auction;
    outcomes.push(result.outcome);
  }
  return { state, outcomes };
}

describe('bids without proxy', () => {
  it('takes a first bid at the starting price, then each at current + increment', () => {
    const { state } = run([
      { bidderId: 'b1', price: 1000 },
      { bidderId: 'b2', price: 1100 },
      { bidderId: 'b1', price: 1500 },
    ]);
    expect(state).toMatchObject({ currentPrice: eur(1500), leadingBidderId: 'b1', bidCount: 3 });
  });

  it('refuses too low, the seller, and outside the live window', () => {
    expect(codeOf(() => placeBid(auction(), { bidderId: 'b1', price: 999 }, during))).toBe('AUCTION_BID_TOO_LOW');
    const led = run([{ bidderId: 'b1', price: 1000 }]).state;
    expect(codeOf(() => placeBid(led, { bidderId: 'b2', price: 1099 }, during))).toBe('AUCTION_BID_TOO_LOW');
    expect(codeOf(() => placeBid(led, { bidderId: 'seller', price: 5000 }, during))).toBe('AUCTION_SELLER_CANNOT_BID');
    expect(codeOf(() => placeBid(auction(), { bidderId: 'b1', price: 1000 }, new Date('2026-03-01T09:59:59Z')))).toBe('AUCTION_NOT_LIVE');
    expect(codeOf(() => placeBid(auction(), { bidderId: 'b1', price: 1000 }, end))).toBe('AUCTION_NOT_LIVE');
    expect(codeOf(() => placeBid(auction(), { bidderId: 'b1', price: 2000, maxPrice: 1500 }, during))).toBe('AUCTION_MAX_BELOW_PRICE');
  });
});

describe('proxy bidding (eBay style)', () => {
  // [bids, expected price, expected leader, expected outcomes]
  const table: [string, BidRequest[], number, string, string[]][] = [
    ['a proxy leader is pushed to the challenger + increment', [{ bidderId: 'b1', price: 1000, maxPrice: 3000 }, { bidderId: 'b2', price: 1500 }], 1600, 'b1', ['leading', 'outbid']],
    ['a higher proxy takes the lead at the old max + increment', [{ bidderId: 'b1', price: 1000, maxPrice: 2000 }, { bidderId: 'b2', price: 1100, maxPrice: 5000 }], 2100, 'b2', ['leading', 'leading']],
    ['equal maxima: the earlier bidder keeps the lead', [{ bidderId: 'b1', price: 1000, maxPrice: 2000 }, { bidderId: 'b2', price: 1100, maxPrice: 2000 }], 2000, 'b1', ['leading', 'outbid']],
    ['the price never exceeds the leader max', [{ bidderId: 'b1', price: 1000, maxPrice: 2050 }, { bidderId: 'b2', price: 2000 }], 2050, 'b1', ['leading', 'outbid']],
    ['a challenger just above the max wins at its own max', [{ bidderId: 'b1', price: 1000, maxPrice: 2000 }, { bidderId: 'b2', price: 1100, maxPrice: 2050 }], 2050, 'b2', ['leading', 'leading']],
    ['the leader raising its own max does not raise the price', [{ bidderId: 'b1', price: 1000 }, { bidderId: 'b1', price: 1000, maxPrice: 4000 }], 1000, 'b1', ['leading', 'leading']],
    [
      'a chain of proxies',
      [
        { bidderId: 'b1', price: 1000, maxPrice: 1500 },
        { bidderId: 'b2', price: 1100, maxPrice: 2500 },
        { bidderId: 'b3', price: 1700, maxPrice: 2200 },
        { bidderId: 'b1', price: 2600 },
      ],
      2600,
      'b1',
      ['leading', 'leading', 'outbid', 'leading'],
    ],
  ];

  for (const [name, bids, price, leader, outcomes] of table) {
    it(name, () => {
      const result = run(bids);
      expect(result.state.currentPrice.amount).toBe(price);
      expect(result.state.leadingBidderId).toBe(leader);
      expect(result.outcomes).toEqual(outcomes);
    });
  }
});

describe('anti-sniping', () => {
  const sniping = auction({ antiSnipingSeconds: 120, maxExtensionSeconds: 300 });

  it('moves endsAt so that antiSnipingSeconds remain after a late bid', () => {
    const at = new Date(end.getTime() - 30_000);
    expect(placeBid(sniping, { bidderId: 'b1', price: 1000 }, at).auction.endsAt).toEqual(new Date(at.getTime() + 120_000));
  });

  it('leaves an early bid alone and caps the total extension', () => {
    expect(placeBid(sniping, { bidderId: 'b1', price: 1000 }, during).auction.endsAt).toEqual(end);
    const extended = { ...sniping, endsAt: new Date(end.getTime() + 290_000) };
    const at = new Date(end.getTime() + 280_000);
    expect(placeBid(extended, { bidderId: 'b1', price: 1000 }, at).auction.endsAt).toEqual(new Date(end.getTime() + 300_000));
  });
});

describe('closing and cancelling', () => {
  it('gives the win to the leader when the reserve is met, to nobody below it', () => {
    const { state } = run([{ bidderId: 'b1', price: 1500 }], auction({ reservePrice: eur(2000) }));
    expect(closeAuction(state)).toMatchObject({ status: 'ended', winnerId: null });
    expect(closeAuction(run([{ bidderId: 'b1', price: 2000 }], auction({ reservePrice: eur(2000) })).state)).toMatchObject({ winnerId: 'b1' });
    expect(closeAuction(auction())).toMatchObject({ winnerId: null });
  });

  it('closes exactly once', () => {
    const closed = closeAuction(auction());
    expect(codeOf(() => closeAuction(closed))).toBe('AUCTION_NOT_LIVE');
  });

  it('lets the seller cancel before the first bid only; an admin until the end', () => {
    const seller = { isSeller: true, isAdmin: false };
    expect(cancelAuction(auction(), seller, during).status).toBe('cancelled');
    const bid = run([{ bidderId: 'b1', price: 1000 }]).state;
    expect(codeOf(() => cancelAuction(bid, seller, during))).toBe('AUCTION_CANNOT_CANCEL');
    expect(cancelAuction(bid, { isSeller: false, isAdmin: true }, during).status).toBe('cancelled');
    expect(codeOf(() => cancelAuction(bid, { isSeller: false, isAdmin: true }, end))).toBe('AUCTION_NOT_LIVE');
  });

  it('reads the status from the dates', () => {
    const scheduled = auction({ status: 'scheduled' });
    expect(statusAt(scheduled, new Date('2026-03-01T09:00:00Z'))).toBe('scheduled');
    expect(statusAt(scheduled, during)).toBe('live');
    expect(statusAt(scheduled, end)).toBe('ended');
  });
});
