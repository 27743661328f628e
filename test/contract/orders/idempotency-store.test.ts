import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryIdempotencyStore } from '../../../src/adapters/memory/orders/memory-idempotency-store.js';
import { RedisIdempotencyStore } from '../../../src/adapters/redis/orders/redis-idempotency-store.js';
import type { IdempotencyStore } from '../../../src/application/orders/ports/idempotency-store.js';
import { describeWithService, uniqueName } from '../../support/real-services.js';

function idempotencyStoreContract(make: () => IdempotencyStore): void {
  it('claims once, then answers in_progress, then done with the response', async () => {
    const store = make();
    expect(await store.claim('buyer', 'k1', 'body-a', 60)).toEqual({ state: 'claimed' });
    expect(await store.claim('buyer', 'k1', 'body-a', 60)).toEqual({ state: 'in_progress' });
    await store.complete('buyer', 'k1', 'order-1', 60);
    expect(await store.claim('buyer', 'k1', 'body-a', 60)).toEqual({ state: 'done', response: 'order-1' });
  });

  it('answers mismatch for the key with another body, and keeps scopes apart', async () => {
    const store = make();
    await store.claim('buyer', 'k2', 'body-a', 60);
    expect(await store.claim('buyer', 'k2', 'body-b', 60)).toEqual({ state: 'mismatch' });
    expect(await store.claim('other-buyer', 'k2', 'body-b', 60)).toEqual({ state: 'claimed' });
  });

  it('lets a released claim be taken again, but never a completed one', async () => {
    const store = make();
    await store.claim('buyer', 'k3', 'body-a', 60);
    await store.release('buyer', 'k3');
    expect(await store.claim('buyer', 'k3', 'body-a', 60)).toEqual({ state: 'claimed' });
    await store.complete('buyer', 'k3', 'order-3', 60);
    await store.release('buyer', 'k3');
    expect(await store.claim('buyer', 'k3', 'body-a', 60)).toEqual({ state: 'done', response: 'order-3' });
  });

  it('grants exactly one of 50 racing claims', async () => {
    const store = make();
    const claims = await Promise.all(Array.from({ length: 50 }, () => store.claim('buyer', 'k4', 'body-a', 60)));
    expect(claims.filter((c) => c.state === 'claimed')).toHaveLength(1);
  });
}

describe('MemoryIdempotencyStore', () => idempotencyStoreContract(() => new MemoryIdempotencyStore()));

describeWithService('REDIS_URL', 'RedisIdempotencyStore', (url) => {
  let redis: Redis;
  const prefix = `${uniqueName('uty-idem')}:`;
  beforeAll(() => {
    redis = new Redis(url);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });
  idempotencyStoreContract(() => new RedisIdempotencyStore(redis, `${prefix}${uniqueName('t')}:`));

  it('keys expire with their TTL', async () => {
    const store = new RedisIdempotencyStore(redis, prefix);
    await store.claim('buyer', 'ttl', 'body', 60);
    await store.complete('buyer', 'ttl', 'order', 3600);
    expect(await redis.ttl(`${prefix}idem:buyer:ttl`)).toBeGreaterThan(3500);
  });
});
