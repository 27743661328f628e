import type { Redis } from 'ioredis';
import { connectRedis } from '../../../src/adapters/redis/redis-connection.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryAuctionSchedule } from '../../../src/adapters/memory/auctions/memory-auction-schedule.js';
import { RedisAuctionSchedule } from '../../../src/adapters/redis/auctions/redis-auction-schedule.js';
import { describeWithService, uniqueName } from '../../support/real-services.js';
import { auctionScheduleContract } from './auction-schedule.contract.js';

describe('MemoryAuctionSchedule', () => {
  auctionScheduleContract(() => {
    const schedule = new MemoryAuctionSchedule();
    return { schedule, other: schedule };
  });
});

describeWithService('REDIS_URL', 'RedisAuctionSchedule', (url) => {
  const suitePrefix = `${uniqueName('uty_test')}:`;
  let redis: Redis;
  let otherRedis: Redis;
  let tests = 0;
  beforeAll(async () => {
    redis = await connectRedis(url, () => undefined);
    otherRedis = redis.duplicate();
  });
  afterAll(async () => {
    const keys = await redis.keys(`${suitePrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await Promise.all([redis.quit(), otherRedis.quit()]);
  });

  // Each test gets its own prefix under the suite's (`due` reads a whole sorted set); the second
  // schedule shares the data through its own connection, as another instance would.
  const next = (): { keyPrefix: string; schedule: RedisAuctionSchedule; other: RedisAuctionSchedule } => {
    tests += 1;
    const keyPrefix = `${suitePrefix}${tests}:`;
    return {
      keyPrefix,
      schedule: new RedisAuctionSchedule(redis, keyPrefix),
      other: new RedisAuctionSchedule(otherRedis, keyPrefix),
    };
  };

  auctionScheduleContract(next);

  it('lays keys out as documented: a sorted set per kind scored by epoch ms, without TTLs', async () => {
    const { keyPrefix, schedule } = next();
    const [startsAt, endsAt] = [new Date('2026-03-01T10:00:00.000Z'), new Date('2026-03-01T11:00:00.000Z')];
    await schedule.set('start', 'a1', startsAt);
    await schedule.set('end', 'a1', endsAt);
    expect((await redis.keys(`${keyPrefix}*`)).sort()).toEqual([
      `${keyPrefix}auctions:deadlines:end`,
      `${keyPrefix}auctions:deadlines:start`,
    ]);
    expect(await redis.zrange(`${keyPrefix}auctions:deadlines:start`, 0, '-1', 'WITHSCORES')).toEqual([
      'a1',
      String(startsAt.getTime()),
    ]);
    expect(await redis.zrange(`${keyPrefix}auctions:deadlines:end`, 0, '-1', 'WITHSCORES')).toEqual([
      'a1',
      String(endsAt.getTime()),
    ]);
    for (const key of await redis.keys(`${keyPrefix}*`)) expect(await redis.pttl(key), key).toBe(-1);
    await schedule.remove('start', 'a1');
    expect(await redis.keys(`${keyPrefix}*`)).toEqual([`${keyPrefix}auctions:deadlines:end`]);
  });
});
