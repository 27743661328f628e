import type { ChainableCommander, Redis } from 'ioredis';
import type {
  AcceptedBid,
  AuctionLiveState,
  BidKeyRecord,
  BidKeyRef,
  Decide,
} from '../../../application/auctions/ports/auction-live-state.js';
import type { PendingEvents } from '../../../application/shared/outbox/outbox.js';
import type { Auction } from '../../../domain/auctions/auction.js';
import { GroupedWrites, type GroupOutcome } from '../../shared/grouped-writes.js';
import { appendToOutbox } from '../shared/redis-outbox.js';
import { decodeAccepted, decodeAuction, decodeKeyRecord, decodeSequence, encode } from './live-state-codec.js';
import { decideGroup, type GroupBatch, type LiveView, type LiveWrite } from './live-state-group.js';
import { WatchConnectionPool } from './watch-connection-pool.js';

export interface RedisAuctionLiveStateOptions {
  /** Connections (duplicates of `redis`) kept for optimistic transactions; default 8. */
  poolSize?: number;
  /** Attempts of one write before giving up under contention; default 200. */
  maxAttempts?: number;
}

/** Told after a transaction stored events (RedisOutboxStore.written wakes the local relay). */
export interface OutboxWritten {
  written(events: PendingEvents): void;
}

/** The most writes of one auction committed in one transaction. */
const maxGroupSize = 256;

/**
 * AuctionLiveState on Redis. It holds no rule: `transact` runs the caller's decision (in
 * TypeScript, not in Lua) inside an optimistic transaction: WATCH the auction (and the
 * Idempotency-Key record the write names), read, decide, then one MULTI/EXEC that writes the
 * state, the accepted bids' records, the key records and the events (XADD to the outbox stream).
 * A null EXEC (another writer changed a watched key) re-reads and decides again, up to
 * `maxAttempts` with a small random back-off, so racing writes from any number of connections or
 * instances are each decided on the state the previous one left; none is lost or applied twice,
 * and an event exists exactly when its change does. Within one instance the writes of one auction
 * queue up and are committed in groups (GroupedWrites): a hot auction costs one transaction per
 * group, not per bid.
 *
 * Layout, under `keyPrefix`, no TTL unless said:
 * - `auction:<id>`: hash {state: JSON of the auction (Dates as ISO strings), seq: last bid's sequence};
 * - `auction:<id>:pending`: hash bid id -> JSON of the accepted bid, until the bid log has it;
 * - `auction-bid-key:<bidderId>|<key>`: JSON {fingerprint, accepted}, for the key's TTL (24 h, on Redis's clock);
 * - `outbox`: the outbox stream (see redis-outbox.ts), entries under the aggregate `auction:<id>`.
 *
 * Transactions run on a pool of duplicated connections (WatchConnectionPool, ended by `close()`);
 * reads and `put` use `redis`. Same decisions as MemoryAuctionLiveState: `put` replaces the state
 * and keeps `seq`; what a decision throws propagates unchanged (after UNWATCH).
 */
export class RedisAuctionLiveState implements AuctionLiveState {
  private readonly maxAttempts: number;
  private readonly pool: WatchConnectionPool;
  private readonly groups = new GroupedWrites<LiveWrite<unknown>, unknown>(
    (key, group) => this.commit(key, group),
    maxGroupSize,
  );

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    options: RedisAuctionLiveStateOptions = {},
    private readonly outbox?: OutboxWritten,
  ) {
    this.maxAttempts = options.maxAttempts ?? 200;
    if (!Number.isSafeInteger(this.maxAttempts) || this.maxAttempts < 1) {
      throw new RangeError('maxAttempts must be a positive integer');
    }
    this.pool = new WatchConnectionPool(redis, options.poolSize ?? 8, 'RedisAuctionLiveState');
  }

  async put(auction: Auction): Promise<void> {
    await this.redis.hset(this.key(auction.id), 'state', encode(auction));
  }

  async get(auctionId: string): Promise<Auction | null> {
    const state = await this.redis.hget(this.key(auctionId), 'state');
    return state === null ? null : decodeAuction(state);
  }

  /**
   * Queues the write behind the writes of this instance on the same auction (GroupedWrites): the
   * group is committed in one optimistic transaction (`commit`); each caller learns its own
   * outcome (result or the exception its `decide` threw) once the group is committed.
   */
  transact<T>(auctionId: string, decide: Decide<T>, key?: BidKeyRef): Promise<T> {
    const write: LiveWrite<T> = { decide };
    if (key) write.recordKey = { key: this.bidKey(key), ttlSeconds: key.ttlSeconds };
    return this.groups.submit(this.key(auctionId), write as LiveWrite<unknown>) as Promise<T>;
  }

  async pendingLog(auctionId: string, bidIds?: readonly string[]): Promise<AcceptedBid[]> {
    const key = this.pendingKey(this.key(auctionId));
    let values: (string | null)[];
    if (!bidIds) values = Object.values(await this.redis.hgetall(key));
    else values = bidIds.length ? await this.redis.hmget(key, ...bidIds) : [];
    const pending = values.flatMap((value) => (value === null ? [] : [decodeAccepted(value)]));
    return pending.sort((a, b) => a.bid.sequence - b.bid.sequence);
  }

  async markLogged(auctionId: string, bidIds: readonly string[]): Promise<void> {
    if (bidIds.length) await this.redis.hdel(this.pendingKey(this.key(auctionId)), ...bidIds);
  }

  /** Ends the pooled transaction connections (not the `redis` passed in). */
  close(): Promise<void> {
    return this.pool.close();
  }

  /**
   * One optimistic transaction for a group: WATCH and read once, each write decided in turn on the
   * view the previous one left, one MULTI/EXEC of everything they changed. An EXEC aborted by
   * another instance re-reads and re-decides the whole group.
   */
  private commit(key: string, group: LiveWrite<unknown>[]): Promise<GroupOutcome<unknown>[]> {
    const recordKeys = [...new Set(group.flatMap((write) => (write.recordKey ? [write.recordKey.key] : [])))];
    return this.pool.using(async (connection) => {
      for (let attempt = 1; attempt <= this.maxAttempts; attempt += 1) {
        await connection.watch(key, ...recordKeys);
        const batch = decideGroup(group, await this.read(connection, key, recordKeys));
        if (batch.state === null) {
          await connection.unwatch();
          return batch.outcomes;
        }
        const reply = await this.stage(connection.multi(), key, batch.state, batch).exec();
        if (reply !== null) {
          const failed = reply.find(([error]) => error);
          if (failed?.[0]) throw failed[0];
          this.outbox?.written(batch.events);
          return batch.outcomes;
        }
        await backOff();
      }
      throw new Error(`${key}: gave up after ${this.maxAttempts} attempts under concurrent writes`);
    });
  }

  private async read(connection: Redis, key: string, recordKeys: string[]): Promise<LiveView> {
    const [state, seq] = await connection.hmget(key, 'state', 'seq');
    const values = recordKeys.length ? await connection.mget(...recordKeys) : [];
    const records = new Map<string, BidKeyRecord>();
    recordKeys.forEach((recordKey, i) => {
      const value = values[i];
      if (value) records.set(recordKey, decodeKeyRecord(value));
    });
    const current = state == null ? null : decodeAuction(state);
    return { current, sequence: seq == null ? 0 : decodeSequence(seq), records };
  }

  /** The group's changes as one MULTI: state, accepted bids' records, key records, events. */
  private stage(multi: ChainableCommander, key: string, state: Auction, batch: GroupBatch): ChainableCommander {
    multi.hset(key, 'state', encode(state), 'seq', String(batch.sequence));
    if (batch.accepted.length) {
      multi.hset(this.pendingKey(key), ...batch.accepted.flatMap((accepted) => [accepted.bid.id, encode(accepted)]));
    }
    for (const write of batch.keyWrites) multi.set(write.key, encode(write.record), 'EX', write.ttlSeconds);
    return appendToOutbox(multi, this.keyPrefix, key.slice(this.keyPrefix.length), batch.events);
  }

  private key(auctionId: string): string {
    return `${this.keyPrefix}auction:${auctionId}`;
  }

  private bidKey({ bidderId, key }: BidKeyRef): string {
    return `${this.keyPrefix}auction-bid-key:${bidderId}|${key}`;
  }

  private pendingKey(key: string): string {
    return `${key}:pending`;
  }
}

/** A 0-3 ms pause, so that retrying writers spread out. */
function backOff(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 4)));
}
