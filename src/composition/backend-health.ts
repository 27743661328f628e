import type { Container } from 'inversify';
import type { Db } from 'mongodb';
import type { Redis } from 'ioredis';
import { mongoHealthCheck, MongoDbToken } from '../adapters/mongo/mongo-connection.js';
import type { HealthCheck } from '../adapters/platform/runtime.js';
import { RascalEventBus } from '../adapters/rabbitmq/rascal-event-bus.js';
import { redisHealthCheck, RedisToken } from '../adapters/redis/redis-connection.js';
import { S3ObjectStorage } from '../adapters/s3/s3-object-storage.js';

/** A server the config may name (MONGO_URL, REDIS_URL, AMQP_URL, S3_BUCKET, FCM_CREDENTIALS). */
export type Backend = 'mongodb' | 'redis' | 'rabbitmq' | 's3' | 'fcm';

/**
 * What `/readyz` pings for a backend some port's adapter uses. The stores' checks use their
 * connection; the bus and the bucket are pinged through their adapter, bound under its class by
 * the port's wiring. FCM is not pinged: a push it fails falls back to the realtime channel.
 */
const CHECKS: Record<Backend, ((container: Container) => HealthCheck) | undefined> = {
  mongodb: (container) => mongoHealthCheck(container.get<Db>(MongoDbToken)),
  redis: (container) => redisHealthCheck(container.get<Redis>(RedisToken)),
  rabbitmq: (container) => ({ name: 'rabbitmq', kind: 'broker', ping: () => container.get(RascalEventBus).ping() }),
  s3: (container) => ({ name: 's3', kind: 'store', ping: () => container.get(S3ObjectStorage).ping() }),
  fcm: undefined,
};

export function backendHealthCheck(container: Container, backend: Backend): HealthCheck | undefined {
  return CHECKS[backend]?.(container);
}
