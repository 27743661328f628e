import type { BidOutcome } from '../../../domain/auctions/auction.js';
import type { Money } from '../../../domain/shared/money.js';
import type { Page, PageRequest } from '../../shared/ports/page.js';

/** One accepted bid as stored: append-only. */
export interface StoredBid {
  id: string;
  auctionId: string;
  bidderId: string;
  /** The amount bid. */
  price: Money;
  /** The proxy maximum: never shown to anyone but the bidder. */
  maxPrice?: Money;
  /** Acceptance order within the auction: 1, 2, 3... (AuctionLiveState's sequence). */
  sequence: number;
  /** Whether the bidder led right after this bid. */
  outcome: BidOutcome;
  createdAt: Date;
}

/** The accepted bids of every auction (MongoDB or memory), appended once each. */
export interface BidRepository {
  /** Appends a bid; the same bid id again is ignored (a retried append stores it once). */
  append(bid: StoredBid): Promise<void>;
  /** Newest first (highest sequence first). */
  listByAuction(auctionId: string, page: PageRequest): Promise<Page<StoredBid>>;
}
export const BidRepository = Symbol.for('BidRepository');
