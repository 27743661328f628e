import type { Container } from 'inversify';
import type { Config } from '../config.js';
import { connectMongo, mongoHealthCheck, MongoDbToken } from '../adapters/mongo/mongo-connection.js';
import { connectRedis, redisHealthCheck, RedisKeyPrefix, RedisToken } from '../adapters/redis/redis-connection.js';
import type { Runtime } from '../adapters/platform/runtime.js';

/** Connects the configured servers (MongoDB, Redis) and binds their clients; nothing when unset. */
export async function bindInfrastructure(container: Container, config: Config, runtime: Runtime): Promise<void> {
  if (config.mongo) {
    const { client, db } = await connectMongo(config.mongo.url, config.mongo.database);
    runtime.onShutdown('mongodb', () => client.close());
    runtime.healthChecks.push(mongoHealthCheck(db));
    container.bind(MongoDbToken).toConstantValue(db);
  }
  if (config.redis) {
    const redis = await connectRedis(config.redis.url);
    runtime.onShutdown('redis', async () => {
      await redis.quit();
    });
    runtime.healthChecks.push(redisHealthCheck(redis));
    container.bind(RedisToken).toConstantValue(redis);
    container.bind(RedisKeyPrefix).toConstantValue(config.redis.keyPrefix);
  }
}
