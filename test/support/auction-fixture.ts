import type { Auction } from '../../src/domain/auctions/auction.js';

/** The auctions of the tests run from 10:00 to 11:00 on 2026-03-01. */
export const AUCTION_START = new Date('2026-03-01T10:00:00.000Z');
export const AUCTION_END = new Date('2026-03-01T11:00:00.000Z');
export const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** A live auction: starting price 10.00 EUR, increment 1.00, no reserve, no anti-sniping. */
export function auctionFixture(overrides: Partial<Auction> = {}): Auction {
  return {
    id: 'a1',
    listingId: 'l1',
    sellerId: 'seller',
    title: 'Road bike',
    startingPrice: eur(1000),
    minIncrement: eur(100),
    currentPrice: eur(1000),
    leadingBidderId: null,
    leaderMaxAmount: null,
    bidCount: 0,
    bidders: [],
    startsAt: new Date(AUCTION_START),
    endsAt: new Date(AUCTION_END),
    scheduledEndsAt: new Date(AUCTION_END),
    antiSnipingSeconds: 0,
    maxExtensionSeconds: 0,
    status: 'live',
    createdAt: new Date(AUCTION_START),
    ...overrides,
  };
}
