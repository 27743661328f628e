import type { BidKind, BidOutcome } from '../../../domain/auctions/auction.js';
import type { Money } from '../../../domain/shared/money.js';
import type { Page, PageRequest } from '../../shared/ports/page.js';

/**
 * One accepted entry of the bid log, append-only: a bid of the public history, or the leader's raise
 * of their own maximum (`kind: 'max_raise'`, kept so that every bidder's highest maximum is known).
 */
export interface StoredBid {
  id: string;
  auctionId: string;
  bidderId: string;
  /** The bidder's alias in this auction ("Bidder 2"), given with their first bid. */
  bidderAlias: string;
  kind: BidKind;
  /** The amount bid; for a raise, the current price it left. */
  price: Money;
  /**
   * The proxy maximum (a raise: the new one; absent on a bid without one, whose maximum is its price): shown to the
   * bidder only.
   */
  maxPrice?: Money;
  /** Acceptance order within the auction: 1, 2, 3... (AuctionLiveState's sequence). */
  sequence: number;
  /** Whether the bidder led right after this bid. */
  outcome: BidOutcome;
  createdAt: Date;
}

/** Which entries of the log to list: all of them by default, or those of one kind (`bid`: the public history). */
export interface BidLogFilter {
  kind?: BidKind;
}

/** A bidder's highest maximum in an auction: what a second-chance offer asks of them. */
export interface BidderMaximum {
  bidderId: string;
  maximum: Money;
  /** The sequence of the entry that first reached it. */
  sequence: number;
}

/** The accepted bids of every auction (MongoDB or memory), appended once each. */
export interface BidRepository {
  /** Appends a bid; the same bid id again is ignored (a retried append stores it once). */
  append(bid: StoredBid): Promise<void>;
  /**
   * The bidder whose maximum (an entry's maxPrice, else its price) is the highest of the auction and
   * at least `atLeast` minor units, leaving out `excludedBidderIds`; of equal maxima, the one that
   * reached it first. null when nobody is left.
   */
  highestMaximum(
    auctionId: string,
    options: { excludedBidderIds: string[]; atLeast: number },
  ): Promise<BidderMaximum | null>;
  /** Newest first (highest sequence first); entries stored before kinds existed are bids. */
  listByAuction(auctionId: string, page: PageRequest, filter?: BidLogFilter): Promise<Page<StoredBid>>;
}
export const BidRepository = Symbol.for('BidRepository');
