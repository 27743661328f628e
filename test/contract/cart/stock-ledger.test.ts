import type { Redis } from 'ioredis';
import { connectRedis } from '../../../src/adapters/redis/redis-connection.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StockEvents } from '../../../src/application/cart/stock-events.js';
import { parseEnvelope, type EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import { EventFactory } from '../../../src/application/shared/events/event-factory.js';
import { MemoryStockLedger } from '../../../src/adapters/memory/cart/memory-stock-ledger.js';
import { MemoryOutbox } from '../../../src/adapters/memory/shared/memory-outbox.js';
import { SequentialIdGenerator } from '../../../src/adapters/memory/shared/sequential-id-generator.js';
import { RedisStockLedger } from '../../../src/adapters/redis/cart/redis-stock-ledger.js';
import { outboxStreamKey } from '../../../src/adapters/redis/shared/redis-outbox.js';
import { describeWithService, uniqueName } from '../../support/real-services.js';
import { stockLedgerContract } from './stock-ledger.contract.js';

const systemClock = { now: () => new Date() };

describe('MemoryStockLedger', () => {
  stockLedgerContract(() => {
    const outbox = new MemoryOutbox();
    const ledger = new MemoryStockLedger(
      outbox,
      new StockEvents(new EventFactory(new SequentialIdGenerator('event'), systemClock)),
    );
    return { ledger, other: ledger, stored: async () => outbox.peek() };
  });
});

describeWithService('REDIS_URL', 'RedisStockLedger', (url) => {
  const suitePrefix = `${uniqueName('uty_test')}:`;
  let redis: Redis;
  let otherRedis: Redis;
  let tests = 0;
  beforeAll(async () => {
    redis = await connectRedis(url, () => undefined);
    otherRedis = await connectRedis(url, () => undefined);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${suitePrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await Promise.all([redis.quit(), otherRedis.quit()]);
  });

  const source = (name: string) => ({ ids: new SequentialIdGenerator(`${name}-${tests}`), clock: systemClock });
  /** The outbox stream, oldest first. */
  const storedIn = async (keyPrefix: string): Promise<EventEnvelope[]> =>
    (await redis.xrange(outboxStreamKey(keyPrefix), '-', '+')).map(([, fields]) =>
      parseEnvelope(JSON.parse(fields[fields.indexOf('e') + 1] ?? 'null')),
    );

  // Each test gets its own prefix under the suite's (sweeps scan the whole deadline set); the
  // second ledger shares the data through its own connection, as another instance would.
  const next = () => {
    tests += 1;
    const keyPrefix = `${suitePrefix}${tests}:`;
    const ledger = new RedisStockLedger(redis, keyPrefix, source('a'));
    return {
      keyPrefix,
      ledger,
      other: new RedisStockLedger(otherRedis, keyPrefix, source('b')),
      stored: () => storedIn(keyPrefix),
    };
  };

  stockLedgerContract(next);

  it('lays keys out as documented, without TTLs but on order records, and drops holds and deadlines once released', async () => {
    const { keyPrefix, ledger } = next();
    const now = Date.now();
    await ledger.setOnHand('shoes', 5);
    await ledger.hold('shoes', 'cart-1', 2, new Date(now + 60_000), new Date(now));
    expect(await redis.hgetall(`${keyPrefix}stock:level:shoes`)).toEqual({ onHand: '5', reserved: '2' });
    expect(await redis.hgetall(`${keyPrefix}stock:holds:shoes`)).toEqual({ 'cart-1': `2:${now + 60_000}` });
    expect(await redis.zrange(`${keyPrefix}stock:deadlines`, 0, '-1', 'WITHSCORES')).toEqual([
      'shoes|cart-1',
      String(now + 60_000),
    ]);
    for (const key of await redis.keys(`${keyPrefix}*`)) expect(await redis.pttl(key), key).toBe(-1);
    await ledger.release('shoes', 'cart-1', 'removed');
    expect((await redis.keys(`${keyPrefix}*`)).sort()).toEqual([`${keyPrefix}outbox`, `${keyPrefix}stock:level:shoes`]);
    await ledger.abandon('order-1');
    expect(await redis.get(`${keyPrefix}stock:order:order-1`)).toBe('abandoned');
    expect(await redis.ttl(`${keyPrefix}stock:order:order-1`)).toBeGreaterThan(29 * 86_400);
  });

  it('stores its events in the outbox stream under the listing, as envelopes the relay reads', async () => {
    const { keyPrefix, ledger } = next();
    await ledger.setOnHand('hats', 3);
    const [entry] = await redis.xrange(outboxStreamKey(keyPrefix), '-', '+');
    const fields = entry?.[1] ?? [];
    expect(fields.slice(0, 2)).toEqual(['k', 'stock:hats']);
    expect(parseEnvelope(JSON.parse(fields[3] ?? ''))).toMatchObject({
      id: `a-${tests}-1:1`,
      topic: 'stock.updated',
      payload: { listingId: 'hats', available: 3, quantityOnHand: 3 },
    });
  });
});
