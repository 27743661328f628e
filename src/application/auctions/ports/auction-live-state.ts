import type { Auction, BidOutcome, BidRequest, CancelledBy } from '../../../domain/auctions/auction.js';

export interface AcceptedBid {
  auction: Auction;
  outcome: BidOutcome;
  /** 1, 2, 3... per auction, in acceptance order. */
  sequence: number;
  /** Who led just before this bid (null for the first bid). */
  previousLeaderId: string | null;
}

/** Thrown by `bid` and `cancel` when the live state does not hold the auction (never put, or lost): the caller reloads it. */
export class AuctionNotHeldError extends Error {
  constructor(readonly auctionId: string) {
    super(`auction ${JSON.stringify(auctionId)}, which the live state does not hold`);
    this.name = 'AuctionNotHeldError';
  }
}

/**
 * The live state of running auctions (Redis when configured, memory otherwise). Every write is
 * one atomic step over the domain rules (`placeBid`, `closeAuction`): of racing bids each is
 * judged against the state the previous one left, none is lost or applied twice.
 */
export interface AuctionLiveState {
  /** Stores an auction's state (a new auction, or one reloaded after Redis lost it). */
  put(auction: Auction): Promise<void>;
  get(auctionId: string): Promise<Auction | null>;
  /** Judges and applies one bid atomically; throws the domain's errors (too low, not live...) unchanged, AuctionNotHeldError for an auction it does not hold. */
  bid(auctionId: string, request: BidRequest, at: Date): Promise<AcceptedBid>;
  /**
   * Closes the auction if `endsAt <= at` and it is not closed yet, re-reading `endsAt` in the same
   * atomic step (a late bid's extension is honoured). Exactly one of racing callers gets the closed
   * auction; the others, and callers before the end, get null.
   */
  closeIfDue(auctionId: string, at: Date): Promise<Auction | null>;
  /**
   * Cancels atomically against racing bids (`cancelAuction`: the seller only before the first bid,
   * an admin until the end); throws the domain's errors unchanged.
   */
  cancel(auctionId: string, by: CancelledBy, at: Date): Promise<Auction>;
}
export const AuctionLiveState = Symbol.for('AuctionLiveState');
