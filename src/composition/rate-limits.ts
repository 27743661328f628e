import type { Container } from 'inversify';
import type { Config } from '../config.js';
import { createRateLimits, RateLimits } from '../adapters/http/rate-limits/rate-limits.js';
import type { RateLimitBackend } from '../adapters/http/rate-limits/rate-limiter.js';
import { normalizeEmail } from '../domain/identity/email.js';
import { redisOf } from './connections.js';
import { bindPorts, port, type PortTable } from './port-wiring.js';

/** The API's rate limits: counted in Redis when configured (every instance shares them), in memory otherwise. */
export function rateLimitPorts(config: Config): PortTable {
  const settings = {
    ...config.rateLimits,
    loginMaxFailures: config.auth.loginMaxFailures,
    loginWindowSeconds: config.auth.loginWindowSeconds,
  };
  const limits = (backend: RateLimitBackend) => createRateLimits(settings, backend, normalizeEmail);
  return [
    port<RateLimits>({
      name: 'rateLimits',
      token: RateLimits,
      adapters: {
        memory: () => limits({}),
        redis: (container) => {
          const [client, prefix] = redisOf(container);
          return limits({ redis: { client, prefix } });
        },
      },
    }),
  ];
}

export async function bindRateLimits(container: Container, config: Config): Promise<void> {
  await bindPorts(container, config, rateLimitPorts(config));
}
