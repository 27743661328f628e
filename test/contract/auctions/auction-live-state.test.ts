import type { Redis } from 'ioredis';
import { connectRedis } from '../../../src/adapters/redis/redis-connection.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryAuctionLiveState } from '../../../src/adapters/memory/auctions/memory-auction-live-state.js';
import { MemoryBidRepository } from '../../../src/adapters/memory/auctions/memory-bid-repository.js';
import { MemoryOutbox } from '../../../src/adapters/memory/shared/memory-outbox.js';
import { RedisAuctionLiveState } from '../../../src/adapters/redis/auctions/redis-auction-live-state.js';
import { RedisOutboxStore } from '../../../src/adapters/redis/shared/redis-outbox.js';
import { describeWithService, uniqueName } from '../../support/real-services.js';
import { auctionLiveStateContract, liveBid, liveWrite } from './auction-live-state.contract.js';
import { AUCTION_END, auctionFixture } from '../../support/auction-fixture.js';

const noEvents = () => [];

describe('MemoryAuctionLiveState', () => {
  auctionLiveStateContract(() => {
    const outbox = new MemoryOutbox();
    const state = new MemoryAuctionLiveState(outbox, new MemoryBidRepository());
    return { state, other: state, outbox };
  });

  it('the bid log is the same store: an accepted bid is listed at once', async () => {
    const log = new MemoryBidRepository();
    const state = new MemoryAuctionLiveState(new MemoryOutbox(), log);
    await state.put(auctionFixture());
    const accepted = await liveWrite.bid(
      state,
      liveBid('a1', { bidderId: 'b1', price: 1000 }, new Date('2026-03-01T10:30:00.000Z')),
      noEvents,
    );
    expect((await log.listByAuction('a1', { limit: 10 })).items).toEqual([accepted.bid]);
  });

  it("an Idempotency-Key is kept for its TTL from the bid's time, then a bid under it is a new bid", async () => {
    const state = new MemoryAuctionLiveState(new MemoryOutbox(), new MemoryBidRepository());
    await state.put(auctionFixture());
    const at = new Date('2026-03-01T10:00:00.000Z');
    const keyed = (seconds: number, price = 1000) => ({
      ...liveBid('a1', { bidderId: 'b1', price }, new Date(at.getTime() + seconds * 1000), 'key-0001'),
      idempotency: { key: 'key-0001', fingerprint: 'same', ttlSeconds: 60 },
    });
    const first = await liveWrite.bid(state, keyed(0), noEvents);
    expect((await liveWrite.bid(state, keyed(59), noEvents)).bid.id).toBe(first.bid.id);
    const later = await liveWrite.bid(state, keyed(60, 1100), noEvents); // the leader raising their maximum
    expect(later.bid).toMatchObject({ sequence: 2 });
  });
});

describeWithService('REDIS_URL', 'RedisAuctionLiveState', (url) => {
  const suitePrefix = `${uniqueName('uty_test')}:`;
  let redis: Redis;
  let otherRedis: Redis;
  let tests = 0;
  let opened: RedisAuctionLiveState[] = [];
  beforeAll(async () => {
    redis = await connectRedis(url, () => undefined);
    otherRedis = await connectRedis(url, () => undefined);
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
  const next = (): {
    keyPrefix: string;
    state: RedisAuctionLiveState;
    other: RedisAuctionLiveState;
    outbox: RedisOutboxStore;
  } => {
    tests += 1;
    const keyPrefix = `${suitePrefix}${tests}:`;
    const state = new RedisAuctionLiveState(redis, keyPrefix);
    const other = new RedisAuctionLiveState(otherRedis, keyPrefix);
    opened.push(state, other);
    return { keyPrefix, state, other, outbox: new RedisOutboxStore(redis, keyPrefix) };
  };

  auctionLiveStateContract(next);

  it('lays keys out as documented: state and seq, pending bids, key records for their TTL, the outbox stream', async () => {
    const { keyPrefix, state } = next();
    await state.put(auctionFixture());
    const accepted = await liveWrite.bid(
      state,
      liveBid('a1', { bidderId: 'b1', price: 1000 }, new Date('2026-03-01T10:30:00.000Z'), 'key-0001'),
      noEvents,
    );
    expect((await redis.keys(`${keyPrefix}*`)).sort()).toEqual([
      `${keyPrefix}auction-bid-key:b1|key-0001`,
      `${keyPrefix}auction:a1`,
      `${keyPrefix}auction:a1:pending`,
    ]);
    const hash = await redis.hgetall(`${keyPrefix}auction:a1`);
    expect(hash.seq).toBe('1');
    expect(JSON.parse(hash.state ?? '{}')).toMatchObject({
      endsAt: AUCTION_END.toISOString(),
      leadingBidderId: 'b1',
      bidCount: 1,
    });
    expect(await redis.pttl(`${keyPrefix}auction:a1`)).toBe(-1);
    expect(Object.keys(await redis.hgetall(`${keyPrefix}auction:a1:pending`))).toEqual([accepted.bid.id]);
    const ttl = await redis.ttl(`${keyPrefix}auction-bid-key:b1|key-0001`);
    expect(ttl).toBeGreaterThan(86_000);
    expect(ttl).toBeLessThanOrEqual(86_400);
  });

  it('a state stored before aliases (1.1) knows its leader as its only bidder; its next bidder is Bidder 2', async () => {
    const { keyPrefix, state } = next();
    const { bidders: _bidders, ...earlier } = auctionFixture({
      bidCount: 1,
      leadingBidderId: 'b1',
      leaderMaxAmount: 1000,
    });
    await redis.hset(`${keyPrefix}auction:a1`, 'state', JSON.stringify(earlier), 'seq', '1');
    expect((await state.get('a1'))?.bidders).toEqual(['b1']);
    const accepted = await liveWrite.bid(
      state,
      liveBid('a1', { bidderId: 'b2', price: 1100 }, new Date('2026-03-01T10:30:00.000Z')),
      noEvents,
    );
    expect(accepted.bid).toMatchObject({ bidderAlias: 'Bidder 2', sequence: 2 });
  });

  it('a closed state refuses new transactions; close() ends only its own connections', async () => {
    const { state } = next();
    await liveWrite.close(state, 'none', new Date(), noEvents);
    await state.close();
    await expect(liveWrite.close(state, 'none', new Date(), noEvents)).rejects.toThrow(/closed/);
    expect(await redis.ping()).toBe('PONG');
  });
});
