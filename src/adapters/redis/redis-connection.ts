import { Redis, type RedisOptions } from 'ioredis';
import type { HealthCheck } from '../platform/runtime.js';

export const RedisToken = Symbol.for('Redis');
export const RedisKeyPrefix = Symbol.for('RedisKeyPrefix');

/**
 * An ioredis client whose connection errors, and those of every client duplicated from it (the
 * auction pool, the Socket.IO adapter), go to `onError` instead of being unhandled 'error' events.
 */
class ErrorHandlingRedis extends Redis {
  constructor(
    url: string,
    options: Omit<RedisOptions, 'replyMapping'>,
    private readonly onError: (error: Error) => void,
  ) {
    super(url, options);
    this.on('error', onError);
  }

  override duplicate<Override extends Partial<RedisOptions> | undefined = undefined>(override?: Override) {
    const copy = super.duplicate(override);
    copy.on('error', this.onError);
    return copy;
  }
}

/** Connects and waits until Redis answers, so a wrong REDIS_URL fails at start, not at first use. */
export async function connectRedis(url: string, onError: (error: Error) => void): Promise<Redis> {
  const options = { lazyConnect: true, maxRetriesPerRequest: 3, enableOfflineQueue: true };
  const redis = new ErrorHandlingRedis(url, options, onError);
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
