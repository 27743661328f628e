import type { Redis } from 'ioredis';
import type { ClaimResult, HandledEventLog } from '../../../application/shared/events/handled-event-log.js';

export interface RedisHandledEventLogOptions {
  /** How long a claim holds when its holder dies before completing or releasing it. */
  claimTtlSeconds?: number;
  /** How long a handled event id is remembered; redeliveries come within minutes, not days. */
  handledTtlSeconds?: number;
}

const PENDING = 'pending';
const DONE = 'done';

/** KEYS: the claim. ARGV: the pending marker. Deletes the key only while it is still a claim. */
const releaseLua = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** KEYS: the claim. ARGV: pending marker, claim TTL. Answers the current state, or takes the claim. */
const claimLua = `local state = redis.call('GET', KEYS[1])
if state then return state end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 'claimed'`;

interface HandledEventCommands {
  handledEventRelease(key: string, pending: string): Promise<unknown>;
  handledEventClaim(key: string, pending: string, ttlSeconds: number): Promise<string>;
}

/**
 * HandledEventLog on Redis, shared by every app instance. Layout: `<prefix>handled:<consumer>:<eventId>`
 * holds `pending` (claimed, expires after claimTtlSeconds so that a crashed holder does not
 * block the event for ever) or `done` (expires after handledTtlSeconds). The client must have no
 * `keyPrefix` option (use `keyPrefix` here instead).
 */
export class RedisHandledEventLog implements HandledEventLog {
  private readonly commands: Redis & HandledEventCommands;
  private readonly claimTtlSeconds: number;
  private readonly handledTtlSeconds: number;

  constructor(
    redis: Redis,
    private readonly keyPrefix: string,
    options: RedisHandledEventLogOptions = {},
  ) {
    redis.defineCommand('handledEventRelease', { numberOfKeys: 1, lua: releaseLua });
    redis.defineCommand('handledEventClaim', { numberOfKeys: 1, lua: claimLua });
    this.commands = redis as Redis & HandledEventCommands;
    this.claimTtlSeconds = options.claimTtlSeconds ?? 60;
    this.handledTtlSeconds = options.handledTtlSeconds ?? 7 * 24 * 60 * 60;
  }

  async claim(consumer: string, eventId: string): Promise<ClaimResult> {
    const state = await this.commands.handledEventClaim(this.key(consumer, eventId), PENDING, this.claimTtlSeconds);
    if (state === 'claimed') return 'claimed';
    return state === DONE ? 'handled' : 'busy';
  }

  async complete(consumer: string, eventId: string): Promise<void> {
    await this.commands.set(this.key(consumer, eventId), DONE, 'EX', this.handledTtlSeconds);
  }

  async release(consumer: string, eventId: string): Promise<void> {
    await this.commands.handledEventRelease(this.key(consumer, eventId), PENDING);
  }

  private key(consumer: string, eventId: string): string {
    return `${this.keyPrefix}handled:${consumer}:${eventId}`;
  }
}
