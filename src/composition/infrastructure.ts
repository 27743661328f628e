import type { Container } from 'inversify';
import type { Config } from '../config.js';
import { connectMongo, MongoDbToken } from '../adapters/mongo/mongo-connection.js';
import { connectRedis, RedisKeyPrefix, RedisToken } from '../adapters/redis/redis-connection.js';
import { LoggerToken, type Logger } from '../adapters/platform/logger.js';
import type { Runtime } from '../adapters/platform/runtime.js';

/**
 * Connects the configured servers (MongoDB, Redis) and binds their clients; nothing when unset.
 * `/readyz` checks each one some port's adapter uses (port-wiring.ts).
 */
export async function bindInfrastructure(container: Container, config: Config, runtime: Runtime): Promise<void> {
  const logger = container.get<Logger>(LoggerToken);
  if (config.mongo) {
    const onError = (err: Error) => logger.error({ err }, 'MongoDB client error');
    const { client, db } = await connectMongo(config.mongo.url, config.mongo.database, onError);
    runtime.onShutdown('mongodb', () => client.close());
    container.bind(MongoDbToken).toConstantValue(db);
  }
  if (config.redis) {
    const redis = await connectRedis(config.redis.url, (err) => logger.warn({ err }, 'Redis connection error'));
    runtime.onShutdown('redis', async () => {
      await redis.quit();
    });
    container.bind(RedisToken).toConstantValue(redis);
    container.bind(RedisKeyPrefix).toConstantValue(config.redis.keyPrefix);
  }
}
