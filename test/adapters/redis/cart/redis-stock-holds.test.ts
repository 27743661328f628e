import type { Redis } from 'ioredis';
import { connectRedis } from '../../../../src/adapters/redis/redis-connection.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GroupedHolds, type HoldRequest } from '../../../../src/adapters/redis/cart/redis-stock-holds.js';
import { RedisStockLedger } from '../../../../src/adapters/redis/cart/redis-stock-ledger.js';
import { outboxStreamKey } from '../../../../src/adapters/redis/shared/redis-outbox.js';
import { SequentialIdGenerator } from '../../../../src/adapters/memory/shared/sequential-id-generator.js';
import { describeWithService, uniqueName } from '../../../support/real-services.js';

const now = new Date();
const until = new Date(now.getTime() + 60_000);
const request = (holderId: string): HoldRequest => ({
  holderId,
  quantity: 1,
  mode: 'add',
  expiresAt: until,
  now,
  eventBase: `event-${holderId}`,
  occurredAt: now.toISOString(),
});

describe('GroupedHolds', () => {
  it('sends a batch as listingId then 8 arguments per hold, and answers each hold from its own reply', async () => {
    const run = vi.fn(async () => [['held', '1', 1, 1]]);
    const result = await new GroupedHolds(run).submit('shoes', request('a'));
    expect(run.mock.calls[0]).toEqual([
      'shoes',
      ['shoes', 'a', 1, until.getTime(), 'add', now.getTime(), until.toISOString(), 'event-a', now.toISOString()],
    ]);
    expect(result).toEqual({
      ok: true,
      reservation: { listingId: 'shoes', holderId: 'a', quantity: 1, expiresAt: until },
      level: { listingId: 'shoes', onHand: 1, reserved: 1, available: 0 },
    });
  });

  it('rejects only the hold whose reply it cannot read; rejects the whole batch when the replies do not match it', async () => {
    const holds = new GroupedHolds(async (_listingId, args) =>
      args.length > 9 ? [['held', '2', 1, 1], ['bogus']] : [['held', '2', 1, 1]],
    );
    const [first, second, third] = ['a', 'b', 'c'].map((holder) => holds.submit('shoes', request(holder)));
    await expect(first).resolves.toMatchObject({ ok: true });
    await expect(second).resolves.toMatchObject({ ok: true });
    await expect(third).rejects.toThrow(/unexpected reply .*hold.*bogus/);
    const short = new GroupedHolds(async () => []);
    await expect(short.submit('shoes', request('a'))).rejects.toThrow(/unexpected reply .*holds/);
  });
});

describeWithService('REDIS_URL', 'RedisStockLedger group commit of holds', (url) => {
  const suitePrefix = `${uniqueName('uty_holds')}:`;
  let redis: Redis;
  let tests = 0;
  beforeAll(async () => {
    redis = await connectRedis(url, () => undefined);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    const keys = await redis.keys(`${suitePrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  /**
   * A ledger under a prefix of its own, its script run of a batch of holds, and a spy on it (on the ledger: the
   * client's auto-pipelining calls the client's script function a second time, from its pipeline).
   */
  const next = () => {
    tests += 1;
    const keyPrefix = `${suitePrefix}${tests}:`;
    const ledger = new RedisStockLedger(redis, keyPrefix, {
      ids: new SequentialIdGenerator(`holds-${tests}`),
      clock: { now: () => new Date() },
    });
    const scripts = ledger as unknown as { runHolds: (...args: unknown[]) => Promise<unknown> };
    const run = scripts.runHolds.bind(ledger);
    const runs = vi.spyOn(scripts, 'runHolds');
    const events = async () => (await redis.xrange(outboxStreamKey(keyPrefix), '-', '+')).length;
    return { ledger, run, runs, events };
  };
  const carts = (count: number) => Array.from({ length: count }, (_, index) => `cart-${index}`);

  it('200 holds fired at once on 50 units take two script runs (one, then the 199 queued meanwhile): 50 held', async () => {
    const { ledger, runs } = next();
    await ledger.setOnHand('hot', 50);
    const results = await Promise.all(carts(200).map((cart) => ledger.holdMore('hot', cart, 1, until, now)));
    expect(runs).toHaveBeenCalledTimes(2);
    expect(results.filter((result) => result.ok)).toHaveLength(50);
    for (const result of results.slice(50)) {
      expect(result).toMatchObject({ ok: false, reason: 'insufficient_stock', level: { available: 0 } });
    }
    expect(await ledger.level('hot')).toEqual({ listingId: 'hot', onHand: 50, reserved: 50, available: 0 });
  });

  it('a script run that throws rejects every hold of its batch and applies none of them; the next batch runs', async () => {
    const { ledger, runs, run, events } = next();
    await ledger.setOnHand('hot', 50);
    // The first hold runs alone; the 19 queued meanwhile go as the next batch, whose run fails.
    runs.mockImplementationOnce(run).mockRejectedValueOnce(new Error('connection lost'));
    const results = await Promise.allSettled(carts(20).map((cart) => ledger.holdMore('hot', cart, 1, until, now)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', ...Array(19).fill('rejected')]);
    expect(results[1]).toMatchObject({ reason: new Error('connection lost') });
    expect(await ledger.level('hot')).toEqual({ listingId: 'hot', onHand: 50, reserved: 1, available: 49 });
    expect(await events()).toBe(2); // stock.updated of setOnHand, stock.reserved of the first hold
    expect(await ledger.holdMore('hot', 'cart-late', 2, until, now)).toMatchObject({
      ok: true,
      level: { available: 47 },
    });
  });
});
