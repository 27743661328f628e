import { describe, expect, it } from 'vitest';
import { MemoryRefreshTokenStore } from '../../../src/adapters/memory/identity/memory-refresh-token-store.js';
import { RedisRefreshTokenStore } from '../../../src/adapters/redis/identity/redis-refresh-token-store.js';
import { describeWithService } from '../../support/real-services.js';
import { useRedis } from '../../support/redis.js';
import { refreshTokenStoreContract } from './refresh-token-store.contract.js';

describe('MemoryRefreshTokenStore', () => {
  refreshTokenStoreContract(() => new MemoryRefreshTokenStore());
});

describeWithService('REDIS_URL', 'RedisRefreshTokenStore', (url) => {
  const { redis, keyPrefix } = useRedis(url);

  refreshTokenStoreContract(() => new RedisRefreshTokenStore(redis(), keyPrefix));

  it('gives the token and its family TTLs that end at the last expiry of the family', async () => {
    const store = new RedisRefreshTokenStore(redis(), keyPrefix);
    const now = Date.now();
    const token = { tokenHash: 'ttl-1', familyId: 'ttl-family', userId: 'u1', expiresAt: new Date(now + 60_000) };
    await store.add(token);
    await store.rotate(token.tokenHash, { tokenHash: 'ttl-2', expiresAt: new Date(now + 120_000) }, new Date(now));
    expect(await redis().pexpiretime(`${keyPrefix}rt:ttl-1`)).toBe(now + 60_000);
    expect(await redis().pexpiretime(`${keyPrefix}rt:ttl-2`)).toBe(now + 120_000);
    expect(await redis().pexpiretime(`${keyPrefix}rtf:ttl-family`)).toBe(now + 120_000);
  });
});
