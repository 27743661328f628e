import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { connectRedis } from '../../../src/adapters/redis/redis-connection.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryIdempotencyStore } from '../../../src/adapters/memory/orders/memory-idempotency-store.js';
import { RedisIdempotencyStore } from '../../../src/adapters/redis/orders/redis-idempotency-store.js';
import type { IdempotencyClaim, IdempotencyStore } from '../../../src/application/orders/ports/idempotency-store.js';
import { describeWithService, uniqueName } from '../../support/real-services.js';

const long = { ttlSeconds: 60, leaseMs: 60_000 };
const short = { ttlSeconds: 60, leaseMs: 150 };
const tokenOf = (claim: IdempotencyClaim): string => (claim.state === 'claimed' ? claim.token : 'not-claimed');

function idempotencyStoreContract(make: () => IdempotencyStore): void {
  it('claims once, then answers in_progress, then done with the response', async () => {
    const store = make();
    expect(await store.claim('buyer', 'k1', 'body-a', long)).toEqual({
      state: 'claimed',
      token: expect.any(String),
      recovered: false,
    });
    expect(await store.claim('buyer', 'k1', 'body-a', long)).toEqual({ state: 'in_progress' });
    await store.complete('buyer', 'k1', 'order-1', 60);
    expect(await store.claim('buyer', 'k1', 'body-a', long)).toEqual({ state: 'done', response: 'order-1' });
  });

  it('answers mismatch for the key with another body, and keeps scopes apart', async () => {
    const store = make();
    await store.claim('buyer', 'k2', 'body-a', long);
    expect(await store.claim('buyer', 'k2', 'body-b', long)).toEqual({ state: 'mismatch' });
    expect(await store.claim('other-buyer', 'k2', 'body-b', long)).toMatchObject({ state: 'claimed' });
  });

  it('lets a released claim be taken again, but never a completed one', async () => {
    const store = make();
    const first = await store.claim('buyer', 'k3', 'body-a', long);
    await store.release('buyer', 'k3', tokenOf(first));
    const second = await store.claim('buyer', 'k3', 'body-a', long);
    expect(second).toMatchObject({ state: 'claimed', recovered: false });
    await store.complete('buyer', 'k3', 'order-3', 60);
    await store.release('buyer', 'k3', tokenOf(second));
    expect(await store.claim('buyer', 'k3', 'body-a', long)).toEqual({ state: 'done', response: 'order-3' });
  });

  it('grants exactly one of 50 racing claims', async () => {
    const store = make();
    const claims = await Promise.all(Array.from({ length: 50 }, () => store.claim('buyer', 'k4', 'body-a', long)));
    expect(claims.filter((c) => c.state === 'claimed')).toHaveLength(1);
  });

  it('a claim whose holder died is taken over once its lease ran out (recovered), by one of racing retries', async () => {
    const store = make();
    expect(await store.claim('buyer', 'k5', 'body-a', short)).toMatchObject({ state: 'claimed', recovered: false });
    expect(await store.claim('buyer', 'k5', 'body-a', short)).toEqual({ state: 'in_progress' });
    await sleep(250);
    expect(await store.claim('buyer', 'k5', 'body-b', short)).toEqual({ state: 'mismatch' });
    const retries = await Promise.all(Array.from({ length: 10 }, () => store.claim('buyer', 'k5', 'body-a', short)));
    expect(retries.filter((c) => c.state === 'claimed')).toEqual([
      { state: 'claimed', token: expect.any(String), recovered: true },
    ]);
    await store.complete('buyer', 'k5', 'order-5', 60);
    await sleep(250);
    expect(await store.claim('buyer', 'k5', 'body-a', short)).toEqual({ state: 'done', response: 'order-5' });
  });

  it('a release by a holder whose claim was taken over leaves the new claim alone', async () => {
    const store = make();
    const dead = await store.claim('buyer', 'k6', 'body-a', short);
    await sleep(250);
    const retry = await store.claim('buyer', 'k6', 'body-a', short);
    expect(retry).toMatchObject({ state: 'claimed', recovered: true });
    await store.release('buyer', 'k6', tokenOf(dead));
    expect(await store.claim('buyer', 'k6', 'body-a', short)).toEqual({ state: 'in_progress' });
    await store.release('buyer', 'k6', tokenOf(retry));
    expect(await store.claim('buyer', 'k6', 'body-a', short)).toMatchObject({ state: 'claimed', recovered: false });
  });
}

describe('MemoryIdempotencyStore', () =>
  idempotencyStoreContract(() => new MemoryIdempotencyStore({ now: () => new Date() })));

describeWithService('REDIS_URL', 'RedisIdempotencyStore', (url) => {
  let redis: Redis;
  const prefix = `${uniqueName('uty-idem')}:`;
  beforeAll(async () => {
    redis = await connectRedis(url, () => undefined);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });
  idempotencyStoreContract(() => new RedisIdempotencyStore(redis, `${prefix}${uniqueName('t')}:`));

  it('keys expire with their TTL; a completed key holds no lease', async () => {
    const store = new RedisIdempotencyStore(redis, prefix);
    await store.claim('buyer', 'ttl', 'body', long);
    expect(await redis.pttl(`${prefix}idem:buyer:ttl:lease`)).toBeGreaterThan(50_000);
    await store.complete('buyer', 'ttl', 'order', 3600);
    expect(await redis.ttl(`${prefix}idem:buyer:ttl`)).toBeGreaterThan(3500);
    expect(await redis.exists(`${prefix}idem:buyer:ttl:lease`)).toBe(0);
  });
});
