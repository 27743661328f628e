import type { Container } from 'inversify';
import type { Redis } from 'ioredis';
import type { Db } from 'mongodb';
import { MongoDbToken } from '../adapters/mongo/mongo-connection.js';
import { RedisKeyPrefix, RedisToken } from '../adapters/redis/redis-connection.js';

/** The MongoDB database bound by bindInfrastructure (only when MONGO_URL is set). */
export function mongoOf(container: Container): Db {
  return container.get<Db>(MongoDbToken);
}

/** The Redis client and key prefix bound by bindInfrastructure (only when REDIS_URL is set). */
export function redisOf(container: Container): [Redis, string] {
  return [container.get<Redis>(RedisToken), container.get<string>(RedisKeyPrefix)];
}

/** A MongoDB store with its indexes made. */
export async function indexed<T extends { ensureIndexes(): Promise<unknown> }>(store: T): Promise<T> {
  await store.ensureIndexes();
  return store;
}
