import { Redis } from 'ioredis';
import type { HealthCheck } from '../platform/runtime.js';

export const RedisToken = Symbol.for('Redis');
export const RedisKeyPrefix = Symbol.for('RedisKeyPrefix');

/** Connects and waits until Redis answers, so a wrong REDIS_URL fails at start, not at first use. */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, enableOfflineQueue: true });
  await redis.connect();
  return redis;
}

export function redisHealthCheck(redis: Redis): HealthCheck {
  return {
    name: 'redis',
    ping: async () => {
      await redis.ping();
    },
  };
}
