import type { Redis } from 'ioredis';
import type { AuctionDeadline, AuctionSchedule } from '../../../application/auctions/ports/auction-schedule.js';
import { checkLimit, epochMs } from '../../shared/auctions/schedule-input.js';

/**
 * AuctionSchedule on Redis: one sorted set per kind, `<keyPrefix>auctions:deadlines:start` and
 * `<keyPrefix>auctions:deadlines:end`, member = auction id, score = deadline in epoch ms (exact
 * in a double). Each operation is one command, so it needs no script or transaction:
 * - `set` is ZADD, which re-scores an existing member: setting again moves the deadline.
 * - `due` is ZRANGEBYSCORE -inf now LIMIT 0 limit: inclusive of `now`, earliest first, ties by
 *   member (byte) order. It removes nothing: an instance that dies while acting on an entry
 *   leaves it for the next sweep (the live state's atomic close decides who acts).
 * - `remove` is ZREM (absent: nothing happens; Redis drops a set once it is empty).
 * No TTL: entries stay until removed. The client must have no `keyPrefix` option (use
 * `keyPrefix` here instead). Same decisions as MemoryAuctionSchedule, including refusing an
 * invalid date or limit with a RangeError before Redis sees it (Redis would read a negative
 * LIMIT count as "all").
 */
export class RedisAuctionSchedule implements AuctionSchedule {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  async set(kind: AuctionDeadline, auctionId: string, at: Date): Promise<void> {
    await this.redis.zadd(this.key(kind), epochMs(at, 'at'), auctionId);
  }

  async due(kind: AuctionDeadline, now: Date, limit: number): Promise<string[]> {
    const until = epochMs(now, 'now');
    checkLimit(limit);
    if (limit === 0) return [];
    return this.redis.zrangebyscore(this.key(kind), '-inf', until, 'LIMIT', 0, limit);
  }

  async remove(kind: AuctionDeadline, auctionId: string): Promise<void> {
    await this.redis.zrem(this.key(kind), auctionId);
  }

  private key(kind: AuctionDeadline): string {
    return `${this.keyPrefix}auctions:deadlines:${kind}`;
  }
}
