import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
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

describeWithService('REDIS_URL', 'RedisHandledEventLog', (url) => {
  let redis: Redis;
  const prefixes: string[] = [];

  /** A log on its own key prefix; keys live 60 s at most, and are deleted after the suite. */
  const create = (claimTtlSeconds = 60): { log: RedisHandledEventLog; prefix: string } => {
    const prefix = `${uniqueName('uty_test')}:`;
    prefixes.push(prefix);
    return { log: new RedisHandledEventLog(redis, prefix, { claimTtlSeconds, handledTtlSeconds: 60 }), prefix };
  };

  beforeAll(() => {
    redis = new Redis(url);
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

    await vi.waitFor(async () => expect(await log.claim('mailer', 'evt-1')).toBe('claimed'), { timeout: 5_000, interval: 100 });
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
