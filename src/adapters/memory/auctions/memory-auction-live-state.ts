import type {
  AcceptedBid,
  AuctionLiveState,
  BidKeyRecord,
  BidKeyRef,
  Decide,
  LiveChange,
} from '../../../application/auctions/ports/auction-live-state.js';
import type { StoredBid } from '../../../application/auctions/ports/bid-repository.js';
import type { Auction } from '../../../domain/auctions/auction.js';
import type { MemoryOutbox } from '../shared/memory-outbox.js';
import { deepCopy } from '../shared/deep-copy.js';

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
 * AuctionLiveState in process memory. `transact` reads, runs the caller's decision and writes its
 * change before its first `await` (there is none), so each write is atomic within the process, as
 * the optimistic transactions are on Redis; the events go to the MemoryOutbox in that same step.
 * The memory bid log is part of the same store: an accepted bid is in it at once (so it lists
 * right after its 201), and still kept pending until the stored auction has followed. What is
 * stored or answered is copied (Dates stay Dates). Same decisions as RedisAuctionLiveState:
 * - `put` replaces the state and keeps the auction's bid sequence (a new auction starts at 0);
 * - an Idempotency-Key record is kept for its TTL counted from the write's `at` (the app's clock).
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
    this.entries.set(auction.id, { auction: deepCopy(auction), sequence, pending });
  }

  async get(auctionId: string): Promise<Auction | null> {
    const entry = this.entries.get(auctionId);
    return entry ? deepCopy(entry.auction) : null;
  }

  async transact<T>(auctionId: string, decide: Decide<T>, key?: BidKeyRef): Promise<T> {
    if (key) this.pruneKeys(key.at.getTime());
    const entry = this.entries.get(auctionId);
    const recorded = key ? this.recorded(key) : null;
    const { result, change } = decide({ auction: entry?.auction ?? null, sequence: entry?.sequence ?? 0, recorded });
    if (change) this.store(auctionId, entry, change, key);
    return deepCopy(result);
  }

  async pendingLog(auctionId: string, bidIds?: readonly string[]): Promise<AcceptedBid[]> {
    const pending = this.entries.get(auctionId)?.pending;
    if (!pending) return [];
    const found = bidIds ? bidIds.flatMap((id) => pending.get(id) ?? []) : [...pending.values()];
    return found.sort((a, b) => a.bid.sequence - b.bid.sequence).map(deepCopy);
  }

  async markLogged(auctionId: string, bidIds: readonly string[]): Promise<void> {
    const pending = this.entries.get(auctionId)?.pending;
    for (const id of bidIds) pending?.delete(id);
  }

  /** Stores a decision's change: state, sequence, accepted bid (pending and in the log), key record, events. */
  private store(auctionId: string, entry: Entry | undefined, change: LiveChange, key?: BidKeyRef): void {
    const { auction, sequence, events, accepted, record } = change;
    if (record && !key) throw new Error('a decision kept an Idempotency-Key record its write did not name');
    const stored = entry ?? { auction, sequence, pending: new Map<string, AcceptedBid>() };
    stored.auction = deepCopy(auction);
    stored.sequence = sequence;
    this.entries.set(auctionId, stored);
    if (accepted) {
      stored.pending.set(accepted.bid.id, deepCopy(accepted));
      this.log?.record(accepted.bid);
    }
    if (record && key) {
      this.keys.set(keyId(key), { record: deepCopy(record), expiresAt: key.at.getTime() + key.ttlSeconds * 1000 });
    }
    this.outbox.append(aggregateKey(auctionId), events);
  }

  private recorded(key: BidKeyRef): BidKeyRecord | null {
    const kept = this.keys.get(keyId(key));
    return kept && kept.expiresAt > key.at.getTime() ? kept.record : null;
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

const keyId = ({ bidderId, key }: BidKeyRef) => JSON.stringify([bidderId, key]);
