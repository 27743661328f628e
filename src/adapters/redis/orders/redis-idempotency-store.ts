import type { Redis } from 'ioredis';
import type { IdempotencyClaim, IdempotencyStore } from '../../../application/orders/ports/idempotency-store.js';

/** KEYS: the entry. ARGV: fingerprint, ttl. A hash {fingerprint, response?}; claims atomically. */
const claimLua = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'fingerprint', ARGV[1])
  redis.call('EXPIRE', KEYS[1], ARGV[2])
  return {'claimed'}
end
if redis.call('HGET', KEYS[1], 'fingerprint') ~= ARGV[1] then return {'mismatch'} end
local response = redis.call('HGET', KEYS[1], 'response')
if response then return {'done', response} end
return {'in_progress'}`;

/** KEYS: the entry. Deletes it only while it has no response. */
const releaseLua = `if redis.call('HEXISTS', KEYS[1], 'response') == 0 then return redis.call('DEL', KEYS[1]) end return 0`;

interface IdempotencyCommands {
  idempotencyClaim(key: string, fingerprint: string, ttl: number): Promise<string[]>;
  idempotencyRelease(key: string): Promise<number>;
}

/** Idempotency keys in Redis (`<prefix>idem:<scope>:<key>`), shared by every instance. */
export class RedisIdempotencyStore implements IdempotencyStore {
  private readonly redis: Redis & IdempotencyCommands;

  constructor(
    redis: Redis,
    private readonly keyPrefix: string,
  ) {
    redis.defineCommand('idempotencyClaim', { numberOfKeys: 1, lua: claimLua });
    redis.defineCommand('idempotencyRelease', { numberOfKeys: 1, lua: releaseLua });
    this.redis = redis as Redis & IdempotencyCommands;
  }

  async claim(scope: string, key: string, fingerprint: string, ttlSeconds: number): Promise<IdempotencyClaim> {
    const [state, response] = await this.redis.idempotencyClaim(this.key(scope, key), fingerprint, ttlSeconds);
    if (state === 'done' && response !== undefined) return { state: 'done', response };
    return { state: state as 'claimed' | 'in_progress' | 'mismatch' };
  }

  async complete(scope: string, key: string, response: string, ttlSeconds: number): Promise<void> {
    await this.redis.multi().hset(this.key(scope, key), 'response', response).expire(this.key(scope, key), ttlSeconds).exec();
  }

  async release(scope: string, key: string): Promise<void> {
    await this.redis.idempotencyRelease(this.key(scope, key));
  }

  private key(scope: string, key: string): string {
    return `${this.keyPrefix}idem:${scope}:${key}`;
  }
}
