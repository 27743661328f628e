import type { Redis } from 'ioredis';
import { AuctionNotHeldError, type AcceptedBid, type AuctionLiveState } from '../../../application/auctions/ports/auction-live-state.js';
import { GroupedWrites, type GroupOutcome } from '../../shared/grouped-writes.js';
import { cancelAuction, closeAuction, placeBid, type Auction, type BidRequest, type CancelledBy } from '../../../domain/auctions/auction.js';

export interface RedisAuctionLiveStateOptions {
  /** Connections (duplicates of `redis`) kept for optimistic transactions; default 8. */
  poolSize?: number;
  /** Attempts of one write before giving up under contention; default 200. */
  maxAttempts?: number;
}

/** What one optimistic step decides from the state it read: write `next`, or stop with `result`. */
type Step<T> = { write: Auction; sequence: number; result: T } | { write: null; result: T };
type Decide<T> = (current: Auction | null, sequence: number) => Step<T>;
type Outcome = GroupOutcome<unknown>;

/** The most writes of one auction committed in one transaction. */
const maxGroupSize = 256;

/**
 * AuctionLiveState on Redis. The domain rules (`placeBid`, `closeAuction`) run here in TypeScript,
 * not in Lua; each write is an optimistic transaction: WATCH the key, read it, apply the rule,
 * MULTI/HSET/EXEC. A null EXEC (another writer changed the key in between) retries, up to
 * `maxAttempts` with a small random back-off, so racing bids from any number of connections or
 * instances are each judged against the state the previous one left; none is lost or applied twice.
 * Within one instance the writes of one auction queue up and are committed in groups (see
 * `transaction`): a hot auction costs one transaction per group, not per bid, and does not retry
 * against itself.
 *
 * Layout, under `keyPrefix`: `auction:<id>`: hash {state: JSON of the auction (Dates as ISO
 * strings), seq: the sequence of the last accepted bid}. No TTL.
 *
 * WATCH belongs to a connection, so transactions never run on `redis` (shared with others) but
 * on a small pool of `redis.duplicate()` connections, one transaction per connection at a time;
 * `close()` ends them (not `redis`). Reads and `put` use `redis`.
 * Decisions (same as MemoryAuctionLiveState): `put` replaces the state and keeps `seq`; `bid` and
 * `cancel` on an auction never put throw AuctionNotHeldError; `closeIfDue` on an unknown, cancelled or ended auction
 * answers null. Domain errors from `placeBid` propagate unchanged (after UNWATCH).
 */
export class RedisAuctionLiveState implements AuctionLiveState {
  private readonly poolSize: number;
  private readonly maxAttempts: number;
  private readonly idle: Redis[] = [];
  private readonly all: Redis[] = [];
  private readonly waiting: { resolve: (connection: Redis) => void; reject: (error: Error) => void }[] = [];
  private readonly groups = new GroupedWrites<Decide<unknown>, unknown>((key, group) => this.commit(key, group), maxGroupSize);
  private closed = false;

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    options: RedisAuctionLiveStateOptions = {},
  ) {
    this.poolSize = options.poolSize ?? 8;
    this.maxAttempts = options.maxAttempts ?? 200;
    if (!Number.isSafeInteger(this.poolSize) || this.poolSize < 1) throw new RangeError('poolSize must be a positive integer');
    if (!Number.isSafeInteger(this.maxAttempts) || this.maxAttempts < 1) throw new RangeError('maxAttempts must be a positive integer');
  }

  async put(auction: Auction): Promise<void> {
    await this.redis.hset(this.key(auction.id), 'state', serialise(auction));
  }

  async get(auctionId: string): Promise<Auction | null> {
    const state = await this.redis.hget(this.key(auctionId), 'state');
    return state === null ? null : revive(state);
  }

  async bid(auctionId: string, request: BidRequest, at: Date): Promise<AcceptedBid> {
    const when = new Date(at);
    const bid = { ...request };
    return this.transaction(auctionId, (current, sequence): Step<AcceptedBid> => {
      if (current === null) throw new AuctionNotHeldError(auctionId);
      const { auction, outcome } = placeBid(current, bid, when);
      const next = sequence + 1;
      return { write: auction, sequence: next, result: { auction, outcome, sequence: next, previousLeaderId: current.leadingBidderId } };
    });
  }

  async closeIfDue(auctionId: string, at: Date): Promise<Auction | null> {
    return this.transaction(auctionId, (current, sequence): Step<Auction | null> => {
      if (current === null || !isDue(current, at)) return { write: null, result: null };
      const closed = closeAuction(current);
      return { write: closed, sequence, result: closed };
    });
  }

  async cancel(auctionId: string, by: CancelledBy, at: Date): Promise<Auction> {
    const when = new Date(at);
    return this.transaction(auctionId, (current, sequence): Step<Auction> => {
      if (current === null) throw new AuctionNotHeldError(auctionId);
      const cancelled = cancelAuction(current, by, when);
      return { write: cancelled, sequence, result: cancelled };
    });
  }

  /** Ends the pooled transaction connections (not the `redis` passed in). */
  async close(): Promise<void> {
    this.closed = true;
    const connections = this.all.splice(0);
    this.idle.splice(0);
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('RedisAuctionLiveState is closed'));
    await Promise.all(connections.map((connection) => connection.quit().catch(() => connection.disconnect())));
  }

  /**
   * Queues `decide` behind the writes of this instance on the same auction (GroupedWrites): the
   * group is committed in one optimistic transaction (`commit`); each caller learns its own
   * outcome (result or the exception its `decide` threw) once the group is committed.
   */
  private transaction<T>(auctionId: string, decide: Decide<T>): Promise<T> {
    return this.groups.submit(this.key(auctionId), decide as Decide<unknown>) as Promise<T>;
  }

  /**
   * One optimistic transaction for a group: WATCH and read once, each `decide` applied in turn to
   * the state the previous one left, one MULTI/EXEC of the final state. An EXEC aborted by another
   * instance re-reads and re-decides the whole group.
   */
  private async commit(key: string, group: Decide<unknown>[]): Promise<Outcome[]> {
    const connection = await this.acquire();
    try {
      for (let attempt = 1; attempt <= this.maxAttempts; attempt += 1) {
        await connection.watch(key);
        const [state, seq] = await connection.hmget(key, 'state', 'seq');
        const decided = decideAll(group, state == null ? null : revive(state), seq == null ? 0 : toSequence(seq));
        if (decided.write === null) {
          await connection.unwatch();
          return decided.outcomes;
        }
        const reply = await connection.multi().hset(key, 'state', serialise(decided.write), 'seq', String(decided.sequence)).exec();
        if (reply !== null) {
          const failed = reply.find(([error]) => error);
          if (failed?.[0]) throw failed[0];
          return decided.outcomes;
        }
        await backOff();
      }
      throw new Error(`${key}: gave up after ${this.maxAttempts} attempts under concurrent writes`);
    } finally {
      this.release(connection);
    }
  }

  private async acquire(): Promise<Redis> {
    if (this.closed) throw new Error('RedisAuctionLiveState is closed');
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.all.length < this.poolSize) {
      const connection = this.redis.duplicate();
      this.all.push(connection);
      return connection;
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(connection: Redis): void {
    if (!this.all.includes(connection)) return; // closed meanwhile
    const next = this.waiting.shift();
    if (next) next.resolve(connection);
    else this.idle.push(connection);
  }

  private key(auctionId: string): string {
    return `${this.keyPrefix}auction:${auctionId}`;
  }
}

/**
 * Applies each write of a group in turn to the state the previous one left. A `decide` that throws
 * (a bid too low, say) leaves the state as it was for the next one.
 */
function decideAll(group: Decide<unknown>[], stored: Auction | null, storedSequence: number): { write: Auction | null; sequence: number; outcomes: Outcome[] } {
  let current = stored;
  let sequence = storedSequence;
  let write: Auction | null = null;
  const outcomes = group.map((decide): Outcome => {
    try {
      const step = decide(current, sequence);
      if (step.write !== null) {
        current = write = step.write;
        sequence = step.sequence;
      }
      return { ok: true, result: step.result };
    } catch (error) {
      return { ok: false, error };
    }
  });
  return { write, sequence, outcomes };
}

/** Not closed or cancelled yet, and its (possibly extended) end has come. */
function isDue(auction: Auction, at: Date): boolean {
  return auction.status !== 'ended' && auction.status !== 'cancelled' && auction.endsAt.getTime() <= at.getTime();
}


/** A 0-3 ms pause, so that retrying writers spread out. */
function backOff(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 4)));
}

const dateFields = ['startsAt', 'endsAt', 'scheduledEndsAt', 'createdAt'] as const;

/** JSON with Dates as ISO strings (JSON.stringify's Date.toJSON). */
function serialise(auction: Auction): string {
  return JSON.stringify(auction);
}

function revive(state: string): Auction {
  const parsed = JSON.parse(state) as Record<string, unknown>;
  for (const field of dateFields) {
    const value = parsed[field];
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw unexpected(field, value);
    parsed[field] = new Date(value);
  }
  return parsed as unknown as Auction;
}

function toSequence(value: string): number {
  const sequence = Number(value);
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw unexpected('seq', value);
  return sequence;
}

function unexpected(what: string, value: unknown): Error {
  return new Error(`unexpected value in the auction live state (${what}): ${JSON.stringify(value)}`);
}
