import { describe, it } from 'vitest';

/** Environment variables that point the contract suites at real servers. */
export type RealService = 'MONGO_URL' | 'REDIS_URL' | 'AMQP_URL';

export const inCI = process.env.CI === 'true';

/**
 * Declares a suite that needs a real server. When its variable is set the suite runs. When it
 * is not: outside CI the suite is skipped with a line saying why; in CI (CI=true) a failing test
 * stands in for it, because CI must run every real-service suite.
 */
export function describeWithService(service: RealService, title: string, body: (url: string) => void): void {
  const url = process.env[service];
  if (url) {
    describe(`${title} [${service}]`, () => body(url));
    return;
  }
  if (inCI) {
    describe(`${title} [${service}]`, () => {
      it(`needs ${service}: CI=true makes every real-service suite mandatory`, () => {
        throw new Error(`${service} is not set; .ci/run must start the service and export it`);
      });
    });
    return;
  }
  process.stderr.write(`skipped "${title}": ${service} is not set (set it to run this suite on the real server)\n`);
  // The body is not run: it would connect to an empty URL while the tests are collected.
  describe.skipIf(true)(`${title} [${service} not set]`, () => {
    it(`runs on the real server when ${service} is set`, () => undefined);
  });
}

/** A name unique to this test run, for databases, key prefixes, queues and exchanges. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
