import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { connectRedis } from '../../src/adapters/redis/redis-connection.js';
import { uniqueName } from './real-services.js';

/**
 * Gives the enclosing suite a connection to `url` (made as the app makes its own: auto-pipelined) and a key prefix of its own; after its tests
 * the keys under that prefix are deleted and the connection closed. Call it inside a describe;
 * `redis()` gives the connection (opened in beforeAll).
 */
export function useRedis(url: string, prefix = 'uty_test'): { redis: () => Redis; keyPrefix: string } {
  const keyPrefix = `${uniqueName(prefix)}:`;
  let redis: Redis | undefined;
  beforeAll(async () => {
    redis = await connectRedis(url, () => undefined);
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
