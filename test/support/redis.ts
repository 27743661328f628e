import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { uniqueName } from './real-services.js';

/**
 * Gives the enclosing suite a connection to `url` and a key prefix of its own; after its tests
 * the keys under that prefix are deleted and the connection closed. Call it inside a describe;
 * `redis()` gives the connection (opened in beforeAll).
 */
export function useRedis(url: string, prefix = 'uty_test'): { redis: () => Redis; keyPrefix: string } {
  const keyPrefix = `${uniqueName(prefix)}:`;
  let redis: Redis | undefined;
  beforeAll(() => {
    redis = new Redis(url, { maxRetriesPerRequest: 3 });
  });
  afterAll(async () => {
    if (!redis) return;
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });
  return {
    keyPrefix,
    redis: () => {
      if (!redis) throw new Error('the Redis connection opens in beforeAll: use it inside a test or hook');
      return redis;
    },
  };
}
