import type { StoredBid } from '../../../application/auctions/ports/bid-repository.js';
import type { Auction } from '../../../domain/auctions/auction.js';

/** What clients see of an auction: never the leader's proxy maximum. */
export function presentAuction(auction: Auction) {
  const { leaderMaxAmount: _hidden, scheduledEndsAt: _first, maxExtensionSeconds: _cap, startsAt, endsAt, createdAt, ...rest } = auction;
  return { ...rest, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), createdAt: createdAt.toISOString() };
}

/** A bid as everyone sees it; `withMax` only for its own bidder. */
export function presentBid(bid: StoredBid, withMax = false) {
  const { id, bidderId, price, maxPrice, outcome, createdAt } = bid;
  return { id, bidderId, price, ...(withMax && maxPrice ? { maxPrice } : {}), outcome, createdAt: createdAt.toISOString() };
}
