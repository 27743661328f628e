import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStockLedger } from '../../../src/adapters/memory/cart/memory-stock-ledger.js';
import { RedisStockLedger } from '../../../src/adapters/redis/cart/redis-stock-ledger.js';
import { describeWithService, uniqueName } from '../../support/real-services.js';
import { stockLedgerContract } from './stock-ledger.contract.js';

describe('MemoryStockLedger', () => {
  stockLedgerContract(() => {
    const ledger = new MemoryStockLedger();
    return { ledger, other: ledger };
  });
});

describeWithService('REDIS_URL', 'RedisStockLedger', (url) => {
  const suitePrefix = `${uniqueName('uty_test')}:`;
  let redis: Redis;
  let otherRedis: Redis;
  let tests = 0;
  beforeAll(() => {
    redis = new Redis(url, { maxRetriesPerRequest: 3 });
    otherRedis = new Redis(url, { maxRetriesPerRequest: 3 });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${suitePrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await Promise.all([redis.quit(), otherRedis.quit()]);
  });

  // Each test gets its own prefix under the suite's (sweeps scan the whole deadline set); the
  // second ledger shares the data through its own connection, as another instance would.
  const next = (): { keyPrefix: string; ledger: RedisStockLedger; other: RedisStockLedger } => {
    tests += 1;
    const keyPrefix = `${suitePrefix}${tests}:`;
    return { keyPrefix, ledger: new RedisStockLedger(redis, keyPrefix), other: new RedisStockLedger(otherRedis, keyPrefix) };
  };

  stockLedgerContract(next);

  it('lays keys out as documented, without TTLs, and drops holds and deadlines once released', async () => {
    const { keyPrefix, ledger } = next();
    const now = Date.now();
    await ledger.setOnHand('shoes', 5);
    await ledger.hold('shoes', 'cart-1', 2, new Date(now + 60_000), new Date(now));
    expect(await redis.hgetall(`${keyPrefix}stock:level:shoes`)).toEqual({ onHand: '5', reserved: '2' });
    expect(await redis.hgetall(`${keyPrefix}stock:holds:shoes`)).toEqual({ 'cart-1': `2:${now + 60_000}` });
    expect(await redis.zrange(`${keyPrefix}stock:deadlines`, 0, '-1', 'WITHSCORES')).toEqual(['shoes|cart-1', String(now + 60_000)]);
    for (const key of await redis.keys(`${keyPrefix}*`)) expect(await redis.pttl(key), key).toBe(-1);
    await ledger.release('shoes', 'cart-1');
    expect(await redis.keys(`${keyPrefix}*`)).toEqual([`${keyPrefix}stock:level:shoes`]);
  });
});
