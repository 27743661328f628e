import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Container } from 'inversify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { adapterReport, isEmbedded, wiringTables } from '../../src/composition/adapter-report.js';
import { chosenTechnology } from '../../src/composition/port-wiring.js';
import { runtimeOf } from '../../src/container.js';
import { describeWithService } from '../support/real-services.js';
import { realStack } from '../support/real-stack.js';
import { createTestApp, testConfig, type TestApp } from '../support/test-app.js';

const ports = (config: Config) => wiringTables(config).flat();

/** Every symbol token the application layer exports (its ports, the bus, the use-case sets...). */
async function applicationTokens(): Promise<symbol[]> {
  const files = readdirSync('src/application', { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.ts'),
  );
  const modules = await Promise.all(
    files.map(
      (file) =>
        import(/* @vite-ignore */ pathToFileURL(join('src/application', file)).href) as Promise<
          Record<string, unknown>
        >,
    ),
  );
  return [
    ...new Set(
      modules.flatMap((exported) =>
        Object.values(exported).filter((value): value is symbol => typeof value === 'symbol'),
      ),
    ),
  ];
}

/** The class names of what the container binds to the token. */
const adapterOf = (container: Container, token: symbol): string =>
  container
    .getAll<object>(token)
    .map((bound) => bound.constructor.name)
    .join(' + ');

/** A token bound more than once is a registry, not a port with one adapter: each store registers its own outbox. */
const boundOnce = (container: Container, token: symbol) =>
  container.isBound(token) && container.getAll(token).length === 1;

/** The backends the chosen adapters use, which /readyz pings (FCM is not pinged). */
const checkedBackends = (config: Config) =>
  [...new Set(ports(config).map((wiring) => chosenTechnology(wiring, config)))]
    .filter((technology) => technology !== 'memory' && technology !== 'fcm')
    .sort();

describe('the wiring tables', () => {
  it('give every port one report name', () => {
    const names = ports(testConfig()).map((wiring) => wiring.name);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(adapterReport(testConfig()))).toEqual(names);
  });

  it('report every port in memory on the embedded default, auctions and delivery included', () => {
    const config = testConfig();
    const report = adapterReport(config);
    expect(isEmbedded(config)).toBe(true);
    expect(report).toMatchObject({
      userRepository: 'memory',
      auctionRepository: 'memory',
      bidRepository: 'memory',
      auctionLiveState: 'memory',
      auctionSchedule: 'memory',
      deliveryRepository: 'memory',
      eventBus: 'in-process',
      pushSender: 'log only (FCM_CREDENTIALS unset)',
      paymentGateway: 'test provider',
    });
    expect(report.objectStorage).toMatch(/^embedded \(in memory, served at http/);
    expect(report.accessTokens).toBe('jwt HS256');
  });

  it('report the configured servers on the real profile', () => {
    const env = {
      MONGO_URL: 'mongodb://db',
      REDIS_URL: 'redis://cache',
      AMQP_URL: 'amqp://broker',
      S3_BUCKET: 'media',
      FCM_CREDENTIALS: '{}',
    };
    const config = testConfig(env);
    const report = adapterReport(config);
    expect(isEmbedded(config)).toBe(false);
    expect(report).toMatchObject({
      userRepository: 'mongodb',
      auctionRepository: 'mongodb',
      bidRepository: 'mongodb',
      auctionLiveState: 'redis',
      auctionSchedule: 'redis',
      deliveryRepository: 'mongodb',
      stockLedger: 'redis',
      eventBus: 'rabbitmq',
      objectStorage: 's3 (bucket media)',
      pushSender: 'fcm',
    });
    expect(checkedBackends(config)).toEqual(['mongodb', 'rabbitmq', 'redis', 's3']);
  });
});

describe('the embedded container', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('binds every port of the tables to the adapter the report names, and /readyz checks nothing', async () => {
    for (const wiring of ports(t.config)) expect(t.container.isBound(wiring.token), wiring.name).toBe(true);
    expect(
      adapterOf(t.container, ports(t.config).find((wiring) => wiring.name === 'auctionLiveState')!.token as symbol),
    ).toMatch(/^Memory/);
    expect(runtimeOf(t.container).healthChecks).toEqual([]);
    expect((await request(t.app).get('/readyz')).body).toEqual({ status: 'ready', backends: {} });
  });
});

describeWithService('MONGO_URL', 'the wiring on the real stack', (mongoUrl) => {
  describeWithService('REDIS_URL', 'with Redis', (redisUrl) => {
    describeWithService('AMQP_URL', 'and RabbitMQ', (amqpUrl) => {
      const stack = realStack({ mongoUrl, redisUrl, amqpUrl });
      let embedded: TestApp;
      let real: TestApp;
      beforeAll(async () => {
        embedded = await createTestApp();
        real = await createTestApp(stack.env);
      });
      afterAll(async () => {
        await embedded?.close();
        await real?.close();
        await stack.cleanup();
      });

      it('declares in a table every port whose adapter the config changes', async () => {
        const declared = new Set<unknown>(ports(real.config).map((wiring) => wiring.token));
        const bound = (await applicationTokens()).filter(
          (token) => boundOnce(embedded.container, token) && boundOnce(real.container, token),
        );
        const chosenByConfig = bound.filter(
          (token) => adapterOf(embedded.container, token) !== adapterOf(real.container, token),
        );
        expect(chosenByConfig.length).toBeGreaterThan(10);
        expect(chosenByConfig.filter((token) => !declared.has(token)).map(String)).toEqual([]);
      });

      it('has /readyz check exactly the backends the chosen adapters use', async () => {
        const res = await request(real.app).get('/readyz');
        expect(Object.keys(res.body.backends).sort()).toEqual(checkedBackends(real.config));
        expect(checkedBackends(real.config)).toEqual(['mongodb', 'rabbitmq', 'redis']);
      });
    });
  });
});
