import { AuctionNotHeldError, type AcceptedBid, type AuctionLiveState } from '../../../application/auctions/ports/auction-live-state.js';
import { cancelAuction, closeAuction, placeBid, type Auction, type BidRequest, type CancelledBy } from '../../../domain/auctions/auction.js';

interface Entry {
  auction: Auction;
  /** The sequence of the last accepted bid (0 before the first). */
  sequence: number;
}

/**
 * AuctionLiveState in process memory. Each method reads, applies the domain rules (`placeBid`,
 * `closeAuction`) and writes before its first `await` (there is none), so calls are atomic within
 * the process, as the optimistic transactions are on Redis. Auctions are copied in and out (Dates
 * stay Dates). Same decisions as RedisAuctionLiveState:
 * - `put` replaces the state and keeps the auction's bid sequence (a new auction starts at 0).
 * - `bid` and `cancel` on an auction never put throw AuctionNotHeldError (the caller puts the auction first).
 * - `closeIfDue` on an unknown, cancelled or already ended auction answers null.
 */
export class MemoryAuctionLiveState implements AuctionLiveState {
  private readonly entries = new Map<string, Entry>();

  async put(auction: Auction): Promise<void> {
    const sequence = this.entries.get(auction.id)?.sequence ?? 0;
    this.entries.set(auction.id, { auction: copy(auction), sequence });
  }

  async get(auctionId: string): Promise<Auction | null> {
    const entry = this.entries.get(auctionId);
    return entry ? copy(entry.auction) : null;
  }

  async bid(auctionId: string, request: BidRequest, at: Date): Promise<AcceptedBid> {
    const entry = this.entries.get(auctionId);
    if (!entry) throw new AuctionNotHeldError(auctionId);
    const previousLeaderId = entry.auction.leadingBidderId;
    const { auction, outcome } = placeBid(entry.auction, { ...request }, new Date(at));
    entry.auction = copy(auction);
    entry.sequence += 1;
    return { auction: copy(auction), outcome, sequence: entry.sequence, previousLeaderId };
  }

  async closeIfDue(auctionId: string, at: Date): Promise<Auction | null> {
    const entry = this.entries.get(auctionId);
    if (!entry || !isDue(entry.auction, at)) return null;
    entry.auction = closeAuction(entry.auction);
    return copy(entry.auction);
  }

  async cancel(auctionId: string, by: CancelledBy, at: Date): Promise<Auction> {
    const entry = this.entries.get(auctionId);
    if (!entry) throw new AuctionNotHeldError(auctionId);
    entry.auction = cancelAuction(entry.auction, { ...by }, new Date(at));
    return copy(entry.auction);
  }
}

/** Not closed or cancelled yet, and its (possibly extended) end has come. */
function isDue(auction: Auction, at: Date): boolean {
  return auction.status !== 'ended' && auction.status !== 'cancelled' && auction.endsAt.getTime() <= at.getTime();
}


/** A deep copy; structuredClone keeps Dates as Dates. */
function copy(auction: Auction): Auction {
  return structuredClone(auction);
}
