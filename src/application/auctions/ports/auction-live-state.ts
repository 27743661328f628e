import type { Auction } from '../../../domain/auctions/auction.js';
import type { Money } from '../../../domain/shared/money.js';
import type { PendingEvents } from '../../shared/outbox/outbox.js';
import type { StoredBid } from './bid-repository.js';

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

/** What the live state keeps under a bid's Idempotency-Key: the request's fingerprint and its acceptance. */
export interface BidKeyRecord {
  fingerprint: string;
  accepted: AcceptedBid;
}

/** The Idempotency-Key record a write reads, and keeps if its decision records one: a bidder's key. */
export interface BidKeyRef {
  bidderId: string;
  key: string;
  /** When the write happens: a record older than `ttlSeconds` is gone. */
  at: Date;
  /** How long a record kept by this write lives. */
  ttlSeconds: number;
}

/** What a write reads in its atomic step. */
export interface LiveSnapshot {
  /** The auction's state; null when the live state does not hold it (never put, or lost). */
  auction: Auction | null;
  /** The sequence of the auction's last accepted bid (0 before the first). */
  sequence: number;
  /** The record under the write's `BidKeyRef` (null without one, or when none is kept). */
  recorded: BidKeyRecord | null;
}

/** What a decision stores, all in the write's atomic step. */
export interface LiveChange {
  /** The new state. */
  auction: Auction;
  /** The new bid sequence (the snapshot's unless a bid was accepted). */
  sequence: number;
  /** The change's events: the outbox, stored with it. */
  events: PendingEvents;
  /** An accepted bid: kept until the bid log and the stored auction have followed it (`pendingLog`). */
  accepted?: AcceptedBid;
  /** Kept under the write's `BidKeyRef` for its `ttlSeconds`. */
  record?: BidKeyRecord;
}

/** A decision: the caller's answer, and the change to store with it (none: nothing is written). */
export interface LiveDecision<T> {
  result: T;
  change?: LiveChange;
}

/**
 * The rule of one write (the use case's, built from the domain), run inside the atomic step on
 * what the step read. Synchronous and pure: an optimistic adapter may run it more than once. It
 * refuses by throwing (the domain's errors), and then nothing is written.
 */
export type Decide<T> = (snapshot: LiveSnapshot) => LiveDecision<T>;

/** Thrown by a decision that needs the auction when the live state does not hold it (never put, or lost): reload it. */
export class AuctionNotHeldError extends Error {
  constructor(readonly auctionId: string) {
    super(`auction ${JSON.stringify(auctionId)}, which the live state does not hold`);
    this.name = 'AuctionNotHeldError';
  }
}

/**
 * The live state of running auctions (Redis when configured, memory otherwise): the truth for
 * bids. It holds no rule: every write is `transact`, one atomic step around the caller's decision
 * (src/application/auctions/live-decisions.ts), so of racing writes each is decided on the state
 * the previous one left, none is lost or applied twice, and a change, its events (the outbox), its
 * accepted bid and its Idempotency-Key record are stored together or not at all. An accepted bid
 * is kept until the bid log and the stored auction have followed it (`pendingLog`, `markLogged`),
 * so a crash right after the step loses nothing.
 */
export interface AuctionLiveState {
  /** Stores an auction's state (a new auction, or one reloaded after Redis lost it); its bid sequence stays. */
  put(auction: Auction): Promise<void>;
  get(auctionId: string): Promise<Auction | null>;
  /**
   * Reads the auction's state, sequence and (with `key`) the bid's Idempotency-Key record, runs
   * `decide` on them and stores its change in one atomic step; answers its result. What `decide`
   * throws propagates unchanged, nothing stored.
   */
  transact<T>(auctionId: string, decide: Decide<T>, key?: BidKeyRef): Promise<T>;
  /** The auction's accepted bids still waiting for the bid log (those of `bidIds`, or all), in sequence order. */
  pendingLog(auctionId: string, bidIds?: readonly string[]): Promise<AcceptedBid[]>;
  /** The bid log and the stored auction have these bids: their records go. */
  markLogged(auctionId: string, bidIds: readonly string[]): Promise<void>;
}
export const AuctionLiveState = Symbol.for('AuctionLiveState');
