import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type {
  ClaimOptions,
  IdempotencyClaim,
  IdempotencyStore,
} from '../../../application/orders/ports/idempotency-store.js';

/**
 * KEYS: the entry, its lease. ARGV: fingerprint, ttl (s), token, lease (ms). The entry is a hash
 * {fingerprint, response?}; the lease a string (the holder's token) that expires by itself, so a
 * dead holder's claim can be taken over. Replies {state, 'recovered'?}.
 */
const claimLua = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'fingerprint', ARGV[1])
  redis.call('EXPIRE', KEYS[1], ARGV[2])
  redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
  return {'claimed'}
end
if redis.call('HGET', KEYS[1], 'fingerprint') ~= ARGV[1] then return {'mismatch'} end
local response = redis.call('HGET', KEYS[1], 'response')
if response then return {'done', response} end
if redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4], 'NX') then return {'claimed', 'recovered'} end
return {'in_progress'}`;

/**
 * KEYS: the entry, its lease. ARGV: token. Deletes both only while there is no response and the lease is this token's
 * (or gone).
 */
const releaseLua = `
if redis.call('HEXISTS', KEYS[1], 'response') == 1 then return 0 end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1], KEYS[2])`;

interface IdempotencyCommands {
  idempotencyClaim(
    key: string,
    lease: string,
    fingerprint: string,
    ttl: number,
    token: string,
    leaseMs: number,
  ): Promise<string[]>;
  idempotencyRelease(key: string, lease: string, token: string): Promise<number>;
}

/**
 * Idempotency keys in Redis (`<prefix>idem:<scope>:<key>`, and `...:lease` while claimed), shared by every instance.
 */
export class RedisIdempotencyStore implements IdempotencyStore {
  private readonly redis: Redis & IdempotencyCommands;

  constructor(
    redis: Redis,
    private readonly keyPrefix: string,
  ) {
    redis.defineCommand('idempotencyClaim', { numberOfKeys: 2, lua: claimLua });
    redis.defineCommand('idempotencyRelease', { numberOfKeys: 2, lua: releaseLua });
    this.redis = redis as Redis & IdempotencyCommands;
  }

  async claim(scope: string, key: string, fingerprint: string, options: ClaimOptions): Promise<IdempotencyClaim> {
    const token = randomUUID();
    const keys = [this.key(scope, key), this.leaseKey(scope, key)] as const;
    const [state, detail] = await this.redis.idempotencyClaim(
      ...keys,
      fingerprint,
      options.ttlSeconds,
      token,
      options.leaseMs,
    );
    if (state === 'claimed') return { state, token, recovered: detail === 'recovered' };
    if (state === 'done' && detail !== undefined) return { state, response: detail };
    if (state === 'in_progress' || state === 'mismatch') return { state };
    throw new Error(`unexpected reply from the idempotency store: ${JSON.stringify([state, detail])}`);
  }

  async complete(scope: string, key: string, response: string, ttlSeconds: number): Promise<void> {
    const entry = this.key(scope, key);
    await this.redis
      .multi()
      .hset(entry, 'response', response)
      .expire(entry, ttlSeconds)
      .del(this.leaseKey(scope, key))
      .exec();
  }

  async release(scope: string, key: string, token: string): Promise<void> {
    await this.redis.idempotencyRelease(this.key(scope, key), this.leaseKey(scope, key), token);
  }

  private key(scope: string, key: string): string {
    return `${this.keyPrefix}idem:${scope}:${key}`;
  }

  private leaseKey(scope: string, key: string): string {
    return `${this.key(scope, key)}:lease`;
  }
}
