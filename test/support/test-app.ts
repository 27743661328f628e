import type { Express } from 'express';
import type { Container } from 'inversify';
import { pino } from 'pino';
import { createApp } from '../../src/adapters/http/app.js';
import { ManualClock } from '../../src/adapters/memory/shared/manual-clock.js';
import { ScryptPasswordHasher } from '../../src/adapters/security/scrypt-password-hasher.js';
import { loadConfig, type Config } from '../../src/config.js';
import { buildContainer, runtimeOf, type ContainerOverrides } from '../../src/container.js';

export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-characters-long';

/** scrypt with a small cost: the same code path, fast enough for hundreds of test users. */
export const fastPasswordHasher = () => new ScryptPasswordHasher({ N: 1024, r: 8, p: 1 });

/**
 * Tests register hundreds of users, fail logins and bid in bursts from one address: limits far
 * above that, unless a test sets its own (the rate-limit tests do).
 */
export const GENEROUS_RATE_LIMITS = {
  REGISTER_MAX_PER_IP: '1000000',
  LOGIN_MAX_FAILURES_PER_IP: '1000000',
  BID_MAX_PER_SECOND: '1000000',
  MEDIA_MAX_PENDING_UPLOADS: '100000',
};

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig(
    { NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: TEST_JWT_SECRET, ...GENEROUS_RATE_LIMITS, ...env },
    () => 'unused',
  );
}

export interface TestApp {
  app: Express;
  container: Container;
  clock: ManualClock;
  config: Config;
  close(): Promise<void>;
}

/** The whole app on the embedded default (or on real servers when `env` names them). */
export async function createTestApp(
  env: Record<string, string> = {},
  overrides: ContainerOverrides = {},
): Promise<TestApp> {
  const config = testConfig(env);
  // Instances of one test share a clock when the caller passes one.
  const clock = overrides.clock instanceof ManualClock ? overrides.clock : new ManualClock(new Date());
  const container = await buildContainer(config, {
    logger: pino({ level: 'silent' }),
    passwordHasher: fastPasswordHasher(),
    clock,
    ...overrides,
  });
  return {
    app: createApp(container, {
      trustProxy: config.trustProxy,
      checkResponses: config.env === 'test',
      allowedOrigins: config.cors.allowedOrigins,
      demo: config.demo !== undefined,
    }),
    container,
    clock,
    config,
    close: () => runtimeOf(container).closeAll(() => undefined),
  };
}
