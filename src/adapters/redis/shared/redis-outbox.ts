import type { ChainableCommander, Redis } from 'ioredis';
import { parseEnvelope, type EventEnvelope } from '../../../application/shared/events/envelope.js';
import type {
  ClaimedEvents,
  OutboxSignal,
  OutboxStats,
  OutboxStore,
  PendingEvents,
} from '../../../application/shared/outbox/outbox.js';

/** The stream every Redis write appends its events to, and the key of the relay's lease on it. */
export const outboxStreamKey = (prefix: string): string => `${prefix}outbox`;
const leaseKey = (prefix: string): string => `${prefix}outbox:lease`;

/** Each entry: `k` the aggregate (listing, auction...), `e` the envelope as JSON. */
export function outboxEntryFields(key: string, event: EventEnvelope): string[] {
  return ['k', key, 'e', JSON.stringify(event)];
}

/** Appends events to the outbox inside a MULTI whose other commands are the state change. */
export function appendToOutbox(
  multi: ChainableCommander,
  prefix: string,
  key: string,
  events: PendingEvents,
): ChainableCommander {
  for (const event of events) multi.xadd(outboxStreamKey(prefix), '*', ...outboxEntryFields(key, event));
  return multi;
}

/**
 * Lua: appends the JSON envelopes in `ARGV[from..from+count-1]` to the outbox stream `stream`
 * under the aggregate `key`. Scripts call it after their state change, so both are one atomic step.
 */
export const luaAppendOutbox = `
local function append_outbox(stream, key, from, count)
  for i = from, from + count - 1 do
    redis.call('XADD', stream, '*', 'k', key, 'e', ARGV[i])
  end
end
`;

/**
 * Lua: appends one JSON envelope that the script built itself (its figures are computed in the
 * script, like a stock level) to the outbox stream `stream` under the aggregate `key`.
 */
export const luaAppendOutboxEvent = `
local function append_outbox_event(stream, key, json)
  redis.call('XADD', stream, '*', 'k', key, 'e', json)
end
`;

/**
 * Takes the lease when it is free, ours (renewing it) or expired at ARGV[2] (the relay's clock);
 * the key expires by itself a while after the lease, so a dead holder leaves nothing behind. 1 when held.
 */
const acquireLease = `
local holder = redis.call('HMGET', KEYS[1], 'owner', 'until')
if holder[1] == false or holder[1] == ARGV[1] or tonumber(holder[2]) <= tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'until', tonumber(ARGV[2]) + tonumber(ARGV[3]))
  redis.call('PEXPIRE', KEYS[1], 3 * tonumber(ARGV[3]))
  return 1
end
return 0
`;

/** The name of the Redis outbox stream as an OutboxStore (what a script that appends to it signals). */
export const redisOutboxName = 'redis';

/**
 * The Redis outbox stream as the relay sees it. One relay at a time holds the stream (a lease key
 * with an expiry, taken over when its holder dies), so the stream's order is the publishing order.
 * A claim holds the lease for at least half its length (holdLease).
 */
export class RedisOutboxStore implements OutboxStore {
  readonly name = redisOutboxName;
  /** The lease this process holds on the stream, as it last took it: renewed once half of it has run. */
  private lease = { owner: '', until: 0 };

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly signal?: OutboxSignal,
  ) {}

  /** Tells this process's relay that a write just stored events. */
  written(events: PendingEvents): void {
    if (events.length) this.signal?.notify(this.name);
  }

  async claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedEvents[]> {
    if (!(await this.holdLease(owner, now.getTime(), leaseMs))) return [];
    const entries = await this.redis.xrange(outboxStreamKey(this.prefix), '-', '+', 'COUNT', limit);
    if (entries.length === 0) return [];
    // One claim for the whole read, in stream order: the stream is one sequence.
    const events: EventEnvelope[] = [];
    const ids: string[] = [];
    for (const [id, fields] of entries) {
      ids.push(id);
      events.push(parseEnvelope(JSON.parse(fieldOf(fields, 'e'))));
    }
    return [{ key: 'stream', events, receipt: ids }];
  }

  /**
   * Takes or renews the stream's lease, unless this process took it less than half a lease ago
   * (no other relay can take it before it expires): one round trip saved on most passes.
   */
  private async holdLease(owner: string, now: number, leaseMs: number): Promise<boolean> {
    if (this.lease.owner === owner && now < this.lease.until - leaseMs / 2) return true;
    const held = await this.redis.eval(acquireLease, 1, leaseKey(this.prefix), owner, String(now), String(leaseMs));
    this.lease = held === 1 ? { owner, until: now + leaseMs } : { owner: '', until: 0 };
    return held === 1;
  }

  async done(_owner: string, claimed: ClaimedEvents, count: number): Promise<void> {
    const ids = (claimed.receipt as string[]).slice(0, count);
    if (ids.length) await this.redis.xdel(outboxStreamKey(this.prefix), ...ids);
  }

  async stats(): Promise<OutboxStats> {
    const stream = outboxStreamKey(this.prefix);
    const [depth, first] = await Promise.all([
      this.redis.xlen(stream),
      this.redis.xrange(stream, '-', '+', 'COUNT', 1),
    ]);
    const oldest = first[0] ? (JSON.parse(fieldOf(first[0][1], 'e')) as EventEnvelope).occurredAt : null;
    return { depth, oldest: oldest ? new Date(oldest) : null };
  }
}

function fieldOf(fields: string[], name: string): string {
  const index = fields.indexOf(name);
  return index >= 0 && index % 2 === 0 ? (fields[index + 1] ?? '') : '';
}
