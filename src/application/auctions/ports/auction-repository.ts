import type { Auction, AuctionStatus } from '../../../domain/auctions/auction.js';
import type { PendingEvents } from '../../shared/outbox/outbox.js';
import type { Page, PageRequest } from '../../shared/ports/page.js';

export interface AuctionFilter {
  status?: AuctionStatus;
}

/**
 * Auctions as stored documents (MongoDB or memory). The live state (AuctionLiveState) is the
 * truth while an auction runs; the stored document follows it after every accepted bid (from the
 * outbox: FollowAcceptedBids), start, close and cancel, and is what lists, reloads and the other
 * modules read.
 */
export interface AuctionRepository {
  /**
   * Stores a new auction, with `events` in the same atomic write (the outbox), if its listing has
   * no open (scheduled or live) auction: answers false and stores nothing otherwise. Of racing
   * creates for one listing exactly one answers true.
   */
  create(auction: Auction, events: PendingEvents): Promise<boolean>;
  findById(id: string): Promise<Auction | null>;
  /**
   * Writes the live state's view of the auction unless the stored one is further on: a stored
   * ended or cancelled auction is final, and an open view earlier than the stored one
   * (`isEarlierState`: fewer bids, or as many and a lower leader maximum) is stale (an equal one is
   * written: a start, the same bid again); a closed view is stale only with fewer bids. An ended or cancelled
   * auction frees its listing for a new auction. Unknown ids are ignored.
   */
  saveState(auction: Auction): Promise<void>;
  /** Sets the winner's order id on an ended auction (idempotent). */
  recordOrder(auctionId: string, orderId: string): Promise<void>;
  /** Newest first (createdAt, then id), optionally of one stored status. */
  list(filter: AuctionFilter, page: PageRequest): Promise<Page<Auction>>;
  /** Every scheduled or live auction (start-up reconciliation of the live state and the timer). */
  listOpen(): Promise<Auction[]>;
}
export const AuctionRepository = Symbol.for('AuctionRepository');
