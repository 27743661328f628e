import type { Container } from 'inversify';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { createRateLimits, RateLimits } from '../adapters/http/rate-limits/rate-limits.js';
import { normalizeEmail } from '../domain/identity/email.js';
import { RedisKeyPrefix, RedisToken } from '../adapters/redis/redis-connection.js';

/** The API's rate limits: counted in Redis when configured (every instance shares them), in memory otherwise. */
export function bindRateLimits(container: Container, config: Config): void {
  const redis = container.isBound(RedisToken) ? { client: container.get<Redis>(RedisToken), prefix: container.get<string>(RedisKeyPrefix) } : undefined;
  const settings = { ...config.rateLimits, loginMaxFailures: config.auth.loginMaxFailures, loginWindowSeconds: config.auth.loginWindowSeconds };
  container.bind<RateLimits>(RateLimits).toConstantValue(createRateLimits(settings, { redis }, normalizeEmail));
}
