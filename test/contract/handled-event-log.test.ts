import type { Redis } from 'ioredis';
import { connectRedis } from '../../src/adapters/redis/redis-connection.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/adapters/memory/shared/manual-clock.js';
import { MemoryHandledEventLog } from '../../src/adapters/memory/shared/memory-handled-event-log.js';
import { RedisHandledEventLog } from '../../src/adapters/redis/shared/redis-handled-event-log.js';
import type { HandledEventLog } from '../../src/application/shared/events/handled-event-log.js';
import { describeWithService, uniqueName } from '../support/real-services.js';

/** What every HandledEventLog must do. */
function handledEventLogContract(title: string, create: () => HandledEventLog): void {
  describe(`HandledEventLog contract: ${title}`, () => {
    let log: HandledEventLog;
    beforeEach(() => {
      log = create();
    });

    it('lets one claim through and answers busy to the next while it is pending', async () => {
      expect(await log.claim('mailer', 'evt-1')).toBe('claimed');
      expect(await log.claim('mailer', 'evt-1')).toBe('busy');
    });

    it('refuses claims once the event is complete, even after a release', async () => {
      await log.claim('mailer', 'evt-1');
      await log.complete('mailer', 'evt-1');
      await log.release('mailer', 'evt-1');

      expect(await log.claim('mailer', 'evt-1')).toBe('handled');
    });

    it('lets the event be claimed again after a release', async () => {
      await log.claim('mailer', 'evt-1');
      await log.release('mailer', 'evt-1');

      expect(await log.claim('mailer', 'evt-1')).toBe('claimed');
    });

    it('keeps consumers and events apart', async () => {
      await log.claim('mailer', 'evt-1');
      await log.complete('mailer', 'evt-1');

      expect(await log.claim('billing', 'evt-1')).toBe('claimed');
      expect(await log.claim('mailer', 'evt-2')).toBe('claimed');
    });

    it('grants exactly one of many racing claims', async () => {
      const claims = await Promise.all(Array.from({ length: 10 }, () => log.claim('mailer', 'evt-race')));

      expect(claims.filter((c) => c === 'claimed')).toHaveLength(1);
      expect(claims.filter((c) => c === 'busy')).toHaveLength(9);
    });
  });
}

handledEventLogContract('MemoryHandledEventLog', () => new MemoryHandledEventLog());

describe('MemoryHandledEventLog retention', () => {
  const hour = 60 * 60 * 1000;

  it('forgets a handled event id once handledTtlSeconds have passed, not before', async () => {
    const clock = new ManualClock('2026-01-01T00:00:00.000Z');
    const log = new MemoryHandledEventLog({ clock, handledTtlSeconds: 3600 });
    await log.claim('mailer', 'evt-1');
    await log.complete('mailer', 'evt-1');

    clock.advance(hour - 1);
    expect(await log.claim('mailer', 'evt-1')).toBe('handled');
    clock.advance(1);
    expect(await log.claim('mailer', 'evt-1')).toBe('claimed');
  });

  it('drops expired ids from memory as new events are handled', async () => {
    const clock = new ManualClock('2026-01-01T00:00:00.000Z');
    const log = new MemoryHandledEventLog({ clock, handledTtlSeconds: 60 });
    for (let i = 0; i < 50; i += 1) {
      await log.claim('mailer', `old-${i}`);
      await log.complete('mailer', `old-${i}`);
    }
    expect(log.size()).toBe(50);

    clock.advance(61_000);
    await log.claim('mailer', 'new');
    await log.complete('mailer', 'new');

    expect(log.size()).toBe(1);
  });

  it('keeps at most maxHandledPerConsumer ids per consumer, forgetting the oldest first', async () => {
    const log = new MemoryHandledEventLog({ maxHandledPerConsumer: 3 });
    for (const id of ['a', 'b', 'c', 'd']) {
      await log.claim('mailer', id);
      await log.complete('mailer', id);
    }
    await log.claim('billing', 'a');
    await log.complete('billing', 'a');

    expect(log.size()).toBe(4);
    expect(await log.claim('mailer', 'b')).toBe('handled');
    expect(await log.claim('mailer', 'd')).toBe('handled');
    expect(await log.claim('billing', 'a')).toBe('handled');
    expect(await log.claim('mailer', 'a')).toBe('claimed');
  });

  it('never forgets a claim in flight, whatever the cap and the clock', async () => {
    const clock = new ManualClock('2026-01-01T00:00:00.000Z');
    const log = new MemoryHandledEventLog({ clock, handledTtlSeconds: 1, maxHandledPerConsumer: 1 });
    expect(await log.claim('mailer', 'slow')).toBe('claimed');
    for (const id of ['x', 'y', 'z']) {
      await log.claim('mailer', id);
      await log.complete('mailer', id);
    }
    clock.advance(24 * hour);

    expect(await log.claim('mailer', 'slow')).toBe('busy');
  });

  it('refuses a non-positive TTL or cap', () => {
    expect(() => new MemoryHandledEventLog({ handledTtlSeconds: 0 })).toThrow(RangeError);
    expect(() => new MemoryHandledEventLog({ maxHandledPerConsumer: 0 })).toThrow(RangeError);
  });
});

describeWithService('REDIS_URL', 'RedisHandledEventLog', (url) => {
  let redis: Redis;
  const prefixes: string[] = [];

  /** A log on its own key prefix; keys live 60 s at most, and are deleted after the suite. */
  const create = (claimTtlSeconds = 60): { log: RedisHandledEventLog; prefix: string } => {
    const prefix = `${uniqueName('uty_test')}:`;
    prefixes.push(prefix);
    return { log: new RedisHandledEventLog(redis, prefix, { claimTtlSeconds, handledTtlSeconds: 60 }), prefix };
  };

  beforeAll(async () => {
    redis = await connectRedis(url, () => undefined);
  });

  afterAll(async () => {
    const keys = (await Promise.all(prefixes.map((prefix) => redis.keys(`${prefix}*`)))).flat();
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  handledEventLogContract('RedisHandledEventLog', () => create().log);

  it('stores `<prefix>handled:<consumer>:<eventId>`: pending with the claim TTL, then done with the handled TTL', async () => {
    const { log, prefix } = create(30);
    const key = `${prefix}handled:mailer:evt-1`;

    await log.claim('mailer', 'evt-1');
    expect(await redis.get(key)).toBe('pending');
    expect(await redis.ttl(key)).toBeGreaterThan(25);

    await log.complete('mailer', 'evt-1');
    expect(await redis.get(key)).toBe('done');
    expect(await redis.ttl(key)).toBeGreaterThan(30);
  });

  it('frees a claim whose holder never came back once the claim TTL is over', async () => {
    const { log } = create(1);
    await log.claim('mailer', 'evt-1');

    await vi.waitFor(async () => expect(await log.claim('mailer', 'evt-1')).toBe('claimed'), {
      timeout: 5_000,
      interval: 100,
    });
  });

  it('uses the default TTLs: 60 s for a claim, 7 days for a handled event', async () => {
    const prefix = `${uniqueName('uty_test')}:`;
    prefixes.push(prefix);
    const log = new RedisHandledEventLog(redis, prefix);
    const key = `${prefix}handled:mailer:evt-1`;

    await log.claim('mailer', 'evt-1');
    expect(await redis.ttl(key)).toBeGreaterThan(55);
    await log.complete('mailer', 'evt-1');
    expect(await redis.ttl(key)).toBeGreaterThan(7 * 24 * 3600 - 5);
  });
});
