import type { Auction, BidRequest, CancelledBy } from '../../../domain/auctions/auction.js';
import type { Money } from '../../../domain/shared/money.js';
import type { PendingEvents } from '../../shared/outbox/outbox.js';
import type { StoredBid } from './bid-repository.js';

/** One bid as the live state judges it. */
export interface LiveBid {
  auctionId: string;
  /** The id the bid is stored under if accepted. */
  bidId: string;
  request: BidRequest;
  at: Date;
  /**
   * The client's Idempotency-Key (per bidder) with the fingerprint of its request: the live state
   * records it with the accepted bid, in the same atomic step, for `ttlSeconds`.
   */
  idempotency?: { key: string; fingerprint: string; ttlSeconds: number };
}

/** Buy It Now as the live state applies it: the winner's order id is assigned up front. */
export interface BuyNowRequest {
  auctionId: string;
  buyerId: string;
  orderId: string;
  at: Date;
}

export interface AcceptedBid {
  /** The bid as the log stores it (its `sequence`: 1, 2, 3... per auction, in acceptance order). */
  bid: StoredBid;
  /** The auction right after the bid. */
  auction: Auction;
  /** Who led just before this bid (null for the first bid). */
  previousLeaderId: string | null;
  /** The current price just before this bid. */
  previousPrice: Money;
}

/** The events a change causes, built from its outcome inside the atomic step that stores both. */
export type EventsOf<T> = (outcome: T) => PendingEvents;

/** Thrown by `bid` and `cancel` when the live state does not hold the auction (never put, or lost): reload it. */
export class AuctionNotHeldError extends Error {
  constructor(readonly auctionId: string) {
    super(`auction ${JSON.stringify(auctionId)}, which the live state does not hold`);
    this.name = 'AuctionNotHeldError';
  }
}

/**
 * The live state of running auctions (Redis when configured, memory otherwise): the truth for
 * bids. Every write is one atomic step over the domain rules (`placeBid`, `closeAuction`, `buyNow`): of
 * racing bids each is judged against the state the previous one left, none is lost or applied
 * twice. A bid, a close and a Buy It Now store their events (the outbox) in that same step; an accepted bid is
 * also kept as a record until the bid log and the stored auction have followed it (`pendingLog`,
 * `markLogged`), so a crash right after the step loses nothing.
 */
export interface AuctionLiveState {
  /** Stores an auction's state (a new auction, or one reloaded after Redis lost it). */
  put(auction: Auction): Promise<void>;
  get(auctionId: string): Promise<Auction | null>;
  /**
   * Judges and applies one bid atomically with its events and its record; throws the domain's
   * errors (too low, not live...) unchanged, AuctionNotHeldError for an auction it does not hold.
   * A bid whose Idempotency-Key is recorded answers the recorded acceptance and changes nothing
   * (another fingerprint under that key: 409 IDEMPOTENCY_KEY_REUSED).
   */
  bid(bid: LiveBid, events: EventsOf<AcceptedBid>): Promise<AcceptedBid>;
  /**
   * Closes the auction if `endsAt <= at` and it is not closed yet, re-reading `endsAt` in the same
   * atomic step (a late bid's extension is honoured), and stores the close's events with it.
   * Exactly one of racing callers gets the closed auction; the others, and callers before the
   * end, get null.
   */
  closeIfDue(auctionId: string, at: Date, events: EventsOf<Auction>): Promise<Auction | null>;
  /**
   * Cancels atomically against racing bids (`cancelAuction`: the seller only before the first bid,
   * an admin until the end), storing `events` of the cancelled auction in the same step (none
   * when absent); throws the domain's errors unchanged.
   */
  cancel(auctionId: string, by: CancelledBy, at: Date, events?: EventsOf<Auction>): Promise<Auction>;
  /**
   * Buy It Now, atomically against racing bids, closes and other buyers (`buyNow`): ends the
   * auction with the buyer as winner and stores its events in the same step. Throws the domain's
   * errors unchanged (409 AUCTION_BUY_NOW_UNAVAILABLE once a bid or another buyer came first),
   * AuctionNotHeldError for an auction it does not hold.
   */
  buyNow(request: BuyNowRequest, events: EventsOf<Auction>): Promise<Auction>;
  /** The auction's accepted bids still waiting for the bid log (those of `bidIds`, or all), in sequence order. */
  pendingLog(auctionId: string, bidIds?: readonly string[]): Promise<AcceptedBid[]>;
  /** The bid log and the stored auction have these bids: their records go. */
  markLogged(auctionId: string, bidIds: readonly string[]): Promise<void>;
}
export const AuctionLiveState = Symbol.for('AuctionLiveState');
