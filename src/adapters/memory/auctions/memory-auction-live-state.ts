import { judgeBid, type BidKeyRecord } from '../../../application/auctions/judge-bid.js';
import {
  AuctionNotHeldError,
  type AcceptedBid,
  type AuctionLiveState,
  type BuyNowRequest,
  type EventsOf,
  type LiveBid,
} from '../../../application/auctions/ports/auction-live-state.js';
import type { StoredBid } from '../../../application/auctions/ports/bid-repository.js';
import { buyNow, cancelAuction, closeAuction, type Auction, type CancelledBy } from '../../../domain/auctions/auction.js';
import type { MemoryOutbox } from '../shared/memory-outbox.js';

interface Entry {
  auction: Auction;
  /** The sequence of the last accepted bid (0 before the first). */
  sequence: number;
  /** Accepted bids the log and the stored auction have not followed yet, by bid id. */
  pending: Map<string, AcceptedBid>;
}

/** The bid log, written in the same synchronous step as the bid (MemoryBidRepository). */
export interface SyncBidLog {
  record(bid: StoredBid): void;
}

/**
 * AuctionLiveState in process memory. Each method reads, applies the domain rules (`judgeBid`,
 * `closeAuction`, `buyNow`) and writes before its first `await` (there is none), so calls are atomic within
 * the process, as the optimistic transactions are on Redis; the events go to the MemoryOutbox in
 * that same step. The memory bid log is part of the same store: an accepted bid is in it at once
 * (so it lists right after its 201), and still kept pending until the stored auction has followed.
 * Auctions are copied in and out (Dates stay Dates). Same decisions as RedisAuctionLiveState:
 * - `put` replaces the state and keeps the auction's bid sequence (a new auction starts at 0).
 * - `bid` and `cancel` on an auction never put throw AuctionNotHeldError (the caller puts the auction first).
 * - `closeIfDue` on an unknown, cancelled or already ended auction answers null.
 * - an Idempotency-Key is kept for its TTL counted from the bid's `at` (the app's clock).
 */
export class MemoryAuctionLiveState implements AuctionLiveState {
  private readonly entries = new Map<string, Entry>();
  /** By bidder and key, oldest first (so expired ones are pruned from the front). */
  private readonly keys = new Map<string, { record: BidKeyRecord; expiresAt: number }>();

  constructor(
    private readonly outbox: MemoryOutbox,
    /** The bid log when it is in memory too (then a bid is in it in the same step). */
    private readonly log?: SyncBidLog,
  ) {}

  async put(auction: Auction): Promise<void> {
    const { sequence, pending } = this.entries.get(auction.id) ?? { sequence: 0, pending: new Map() };
    this.entries.set(auction.id, { auction: copy(auction), sequence, pending });
  }

  async get(auctionId: string): Promise<Auction | null> {
    const entry = this.entries.get(auctionId);
    return entry ? copy(entry.auction) : null;
  }

  async bid(bid: LiveBid, events: EventsOf<AcceptedBid>): Promise<AcceptedBid> {
    this.pruneKeys(bid.at.getTime());
    const { idempotency } = bid;
    const keyId = idempotency && JSON.stringify([bid.request.bidderId, idempotency.key]);
    const entry = this.entries.get(bid.auctionId);
    const recorded = keyId ? this.recorded(keyId, bid.at) : null;
    const judged = judgeBid(entry?.auction ?? null, entry?.sequence ?? 0, bid, recorded);
    // Without an entry judgeBid has thrown AuctionNotHeldError, unless the bid is a replay.
    if (judged.replay || !entry) return copy(judged.accepted);
    const { accepted, record } = judged;
    const stored = events(accepted);
    entry.auction = copy(accepted.auction);
    entry.sequence = accepted.bid.sequence;
    entry.pending.set(accepted.bid.id, copy(accepted));
    if (keyId && record && idempotency) {
      this.keys.set(keyId, { record: copy(record), expiresAt: bid.at.getTime() + idempotency.ttlSeconds * 1000 });
    }
    this.log?.record(accepted.bid);
    this.outbox.append(aggregateKey(bid.auctionId), stored);
    return copy(accepted);
  }

  async closeIfDue(auctionId: string, at: Date, events: EventsOf<Auction>): Promise<Auction | null> {
    const entry = this.entries.get(auctionId);
    if (!entry || !isDue(entry.auction, at)) return null;
    const closed = closeAuction(entry.auction);
    const stored = events(closed);
    entry.auction = closed;
    this.outbox.append(aggregateKey(auctionId), stored);
    return copy(closed);
  }

  async cancel(auctionId: string, by: CancelledBy, at: Date, events: EventsOf<Auction> = () => []): Promise<Auction> {
    const entry = this.entries.get(auctionId);
    if (!entry) throw new AuctionNotHeldError(auctionId);
    const cancelled = cancelAuction(entry.auction, { ...by }, new Date(at));
    const stored = events(cancelled);
    entry.auction = copy(cancelled);
    this.outbox.append(aggregateKey(auctionId), stored);
    return copy(cancelled);
  }

  async buyNow({ auctionId, buyerId, orderId, at }: BuyNowRequest, events: EventsOf<Auction>): Promise<Auction> {
    const entry = this.entries.get(auctionId);
    if (!entry) throw new AuctionNotHeldError(auctionId);
    const bought = buyNow(entry.auction, buyerId, orderId, new Date(at));
    const stored = events(bought);
    entry.auction = copy(bought);
    this.outbox.append(aggregateKey(auctionId), stored);
    return copy(bought);
  }

  async pendingLog(auctionId: string, bidIds?: readonly string[]): Promise<AcceptedBid[]> {
    const pending = this.entries.get(auctionId)?.pending;
    if (!pending) return [];
    const found = bidIds ? bidIds.flatMap((id) => pending.get(id) ?? []) : [...pending.values()];
    return found.sort((a, b) => a.bid.sequence - b.bid.sequence).map(copy);
  }

  async markLogged(auctionId: string, bidIds: readonly string[]): Promise<void> {
    const pending = this.entries.get(auctionId)?.pending;
    for (const id of bidIds) pending?.delete(id);
  }

  private recorded(keyId: string, at: Date): BidKeyRecord | null {
    const kept = this.keys.get(keyId);
    return kept && kept.expiresAt > at.getTime() ? kept.record : null;
  }

  private pruneKeys(now: number): void {
    for (const [keyId, { expiresAt }] of this.keys) {
      if (expiresAt > now) return;
      this.keys.delete(keyId);
    }
  }
}

/** The outbox aggregate of an auction: its events are published in the order they were stored. */
const aggregateKey = (auctionId: string) => `auction:${auctionId}`;

/** Not closed or cancelled yet, and its (possibly extended) end has come. */
function isDue(auction: Auction, at: Date): boolean {
  return auction.status !== 'ended' && auction.status !== 'cancelled' && auction.endsAt.getTime() <= at.getTime();
}

/** A deep copy; structuredClone keeps Dates as Dates. */
function copy<T>(value: T): T {
  return structuredClone(value);
}
