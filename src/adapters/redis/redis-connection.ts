import type { Redis, RedisOptions } from 'ioredis';
import type { HealthCheck } from '../platform/runtime.js';

export const RedisToken = Symbol.for('Redis');
export const RedisKeyPrefix = Symbol.for('RedisKeyPrefix');

/**
 * Sends the client's connection errors, and those of every client duplicated from it (the auction
 * pool, the Socket.IO adapter), to `onError` instead of leaving them unhandled 'error' events.
 */
function withErrorsTo(redis: Redis, onError: (error: Error) => void): Redis {
  redis.on('error', onError);
  const duplicate = redis.duplicate.bind(redis);
  redis.duplicate = (override?: Partial<RedisOptions>) => withErrorsTo(duplicate(override), onError);
  return redis;
}

/**
 * Connects and waits until Redis answers, so a wrong REDIS_URL fails at start, not at first use.
 * ioredis is loaded here: a process without REDIS_URL never loads it.
 */
export async function connectRedis(url: string, onError: (error: Error) => void): Promise<Redis> {
  const { Redis } = await import('ioredis');
  // Auto-pipelining: the commands of every request handled in one turn of the event loop go out in one write (one
  // syscall and one read on Redis' side instead of one each); each command keeps its own answer and errors.
  const options = { lazyConnect: true, maxRetriesPerRequest: 3, enableOfflineQueue: true, enableAutoPipelining: true };
  const redis = withErrorsTo(new Redis(url, options), onError);
  await redis.connect();
  return redis;
}

export function redisHealthCheck(redis: Redis): HealthCheck {
  return {
    name: 'redis',
    kind: 'store',
    ping: async () => {
      await redis.ping();
    },
  };
}
