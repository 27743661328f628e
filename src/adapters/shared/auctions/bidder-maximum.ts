import type { BidderMaximum, StoredBid } from '../../../application/auctions/ports/bid-repository.js';

/** The maximum a bid-log entry commits its bidder to: its maxPrice, else its price. */
export function maximumOf(bid: Pick<StoredBid, 'bidderId' | 'price' | 'maxPrice' | 'sequence'>): BidderMaximum {
  return { bidderId: bid.bidderId, maximum: bid.maxPrice ?? bid.price, sequence: bid.sequence };
}

/** The higher maximum; of equal ones, the one reached first. */
export function higherMaximum(a: BidderMaximum | null, b: BidderMaximum | null): BidderMaximum | null {
  if (!a || !b) return a ?? b;
  if (a.maximum.amount !== b.maximum.amount) return a.maximum.amount > b.maximum.amount ? a : b;
  return a.sequence <= b.sequence ? a : b;
}
