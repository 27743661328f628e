import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryAuctionLiveState } from '../../../src/adapters/memory/auctions/memory-auction-live-state.js';
import { RedisAuctionLiveState } from '../../../src/adapters/redis/auctions/redis-auction-live-state.js';
import { describeWithService, uniqueName } from '../../support/real-services.js';
import { auctionLiveStateContract } from './auction-live-state.contract.js';
import { AUCTION_END, auctionFixture } from '../../support/auction-fixture.js';

describe('MemoryAuctionLiveState', () => {
  auctionLiveStateContract(() => {
    const state = new MemoryAuctionLiveState();
    return { state, other: state };
  });
});

describeWithService('REDIS_URL', 'RedisAuctionLiveState', (url) => {
  const suitePrefix = `${uniqueName('uty_test')}:`;
  let redis: Redis;
  let otherRedis: Redis;
  let tests = 0;
  let opened: RedisAuctionLiveState[] = [];
  beforeAll(() => {
    redis = new Redis(url, { maxRetriesPerRequest: 3 });
    otherRedis = new Redis(url, { maxRetriesPerRequest: 3 });
  });
  afterEach(async () => {
    await Promise.all(opened.map((state) => state.close()));
    opened = [];
  });
  afterAll(async () => {
    const keys = await redis.keys(`${suitePrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await Promise.all([redis.quit(), otherRedis.quit()]);
  });

  // Each test gets its own prefix under the suite's; the second state shares the data through
  // its own client (and its own pool of duplicated connections), as another instance would.
  const next = (): { keyPrefix: string; state: RedisAuctionLiveState; other: RedisAuctionLiveState } => {
    tests += 1;
    const keyPrefix = `${suitePrefix}${tests}:`;
    const state = new RedisAuctionLiveState(redis, keyPrefix);
    const other = new RedisAuctionLiveState(otherRedis, keyPrefix);
    opened.push(state, other);
    return { keyPrefix, state, other };
  };

  auctionLiveStateContract(next);

  it('lays keys out as documented (a hash of JSON state and seq), without TTLs', async () => {
    const { keyPrefix, state } = next();
    await state.put(auctionFixture());
    await state.bid('a1', { bidderId: 'b1', price: 1000 }, new Date('2026-03-01T10:30:00.000Z'));
    expect(await redis.keys(`${keyPrefix}*`)).toEqual([`${keyPrefix}auction:a1`]);
    const hash = await redis.hgetall(`${keyPrefix}auction:a1`);
    expect(hash.seq).toBe('1');
    expect(JSON.parse(hash.state ?? '{}')).toMatchObject({ endsAt: AUCTION_END.toISOString(), leadingBidderId: 'b1', bidCount: 1 });
    expect(await redis.pttl(`${keyPrefix}auction:a1`)).toBe(-1);
  });

  it('a closed state refuses new transactions; close() ends only its own connections', async () => {
    const { state } = next();
    await state.closeIfDue('none', new Date());
    await state.close();
    await expect(state.closeIfDue('none', new Date())).rejects.toThrow(/closed/);
    expect(await redis.ping()).toBe('PONG');
  });
});
