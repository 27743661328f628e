import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryOutboxToken, type MemoryOutbox } from '../../src/adapters/memory/shared/memory-outbox.js';
import type { HealthCheck, Runtime } from '../../src/adapters/platform/runtime.js';
import { EventFactoryToken, type EventFactory } from '../../src/application/shared/events/event-factory.js';
import { OutboxRelayToken, type OutboxRelay } from '../../src/application/shared/outbox/outbox-relay.js';
import { runtimeOf } from '../../src/container.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/http-helpers.js';

/** The value of an unlabelled metric in Prometheus text. */
function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`${name} is not in /metrics`);
  return Number(line.slice(name.length + 1));
}

describe('HTTP platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('GET /healthz answers 200', async () => {
    expect((await request(t.app).get('/healthz')).body).toEqual({ status: 'ok' });
  });

  /** Runs `body` while `checks` are among the app's health checks. */
  async function withChecks(checks: HealthCheck[], body: () => Promise<void>): Promise<void> {
    const runtime: Runtime = runtimeOf(t.container);
    runtime.healthChecks.push(...checks);
    try {
      await body();
    } finally {
      runtime.healthChecks.splice(runtime.healthChecks.length - checks.length);
    }
  }
  const up = (name: string, kind?: 'store' | 'broker'): HealthCheck => ({
    name,
    ...(kind ? { kind } : {}),
    ping: () => Promise.resolve(),
  });
  const unreachable = (name: string, kind?: 'store' | 'broker'): HealthCheck => ({
    name,
    ...(kind ? { kind } : {}),
    ping: () => Promise.reject(new Error('down')),
  });

  it('GET /readyz answers 200 ready when every backend answers', async () => {
    expect((await request(t.app).get('/readyz')).body).toEqual({ status: 'ready', backends: {} });
    await withChecks([up('a-store', 'store'), up('a-broker', 'broker')], async () => {
      expect((await request(t.app).get('/readyz')).body).toEqual({
        status: 'ready',
        backends: { 'a-store': 'ok', 'a-broker': 'ok' },
      });
    });
  });

  it('GET /readyz answers 503 naming a store that is down (a check without a kind is a store)', async () => {
    await withChecks(
      [unreachable('a-store', 'store'), unreachable('unkinded'), unreachable('a-broker', 'broker'), up('ok-store')],
      async () => {
        const res = await request(t.app).get('/readyz');
        expect(expectProblem(res, 503, 'NOT_READY')).toMatchObject({
          failing: ['a-store', 'unkinded'],
          backends: { 'a-store': 'down', unkinded: 'down', 'a-broker': 'down', 'ok-store': 'ok' },
        });
      },
    );
  });

  it('GET /readyz answers 200 degraded when only the broker is down', async () => {
    await withChecks([up('mongodb', 'store'), unreachable('rabbitmq', 'broker')], async () => {
      const res = await request(t.app).get('/readyz');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'degraded', backends: { mongodb: 'ok', rabbitmq: 'down' } });
    });
  });

  it('honours a well-formed X-Request-Id and makes one otherwise', async () => {
    expect((await request(t.app).get('/healthz').set('X-Request-Id', 'abc-123')).headers['x-request-id']).toBe(
      'abc-123',
    );
    expect(
      (await request(t.app).get('/healthz').set('X-Request-Id', 'bad id with spaces')).headers['x-request-id'],
    ).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with a 404 problem', async () => {
    expectProblem(await request(t.app).get('/api/v1/nothing-here'), 404, 'ROUTE_NOT_FOUND');
  });

  it('GET /metrics exposes default metrics and request durations by route', async () => {
    await request(t.app).get('/healthz');
    const res = await request(t.app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toContain('process_cpu_user_seconds_total');
    expect(res.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\}/);
  });

  it('GET /metrics exposes the outbox depth, the age of its oldest event and the events published', async () => {
    const own = await createTestApp();
    try {
      const relay = own.container.get<OutboxRelay>(OutboxRelayToken);
      await relay.stop();
      const events = own.container.get<EventFactory>(EventFactoryToken);
      const outbox = own.container.get<MemoryOutbox>(MemoryOutboxToken);
      const note = (body: string) =>
        events.create('notification.send', { userId: 'u-1', type: 'test', title: 'Test', body });
      outbox.append('aggregate-1', [note('first'), note('second')]);
      own.clock.advance(30_000);
      outbox.append('aggregate-2', [note('third')]);
      own.clock.advance(12_000);

      const waiting = (await request(own.app).get('/metrics')).text;
      expect(metric(waiting, 'outbox_depth')).toBe(3);
      expect(metric(waiting, 'outbox_oldest_age_seconds')).toBe(42);
      expect(metric(waiting, 'outbox_events_published_total')).toBe(0);

      await relay.flush();
      const drained = (await request(own.app).get('/metrics')).text;
      expect(metric(drained, 'outbox_depth')).toBe(0);
      expect(metric(drained, 'outbox_oldest_age_seconds')).toBe(0);
      expect(metric(drained, 'outbox_events_published_total')).toBe(3);
      expect(metric((await request(own.app).get('/metrics')).text, 'outbox_events_published_total')).toBe(3);
    } finally {
      await own.close();
    }
  });

  it('GET /openapi.json documents every route of the identity, catalog and media sections with its schemas', async () => {
    const doc = (await request(t.app).get('/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    const expected = [
      ['post', '/auth/register'],
      ['post', '/auth/login'],
      ['post', '/auth/refresh'],
      ['post', '/auth/logout'],
      ['get', '/users/me'],
      ['patch', '/users/me'],
      ['post', '/users/me/kyc'],
      ['post', '/users/me/devices'],
      ['delete', '/users/me/devices/{token}'],
      ['post', '/admin/users/{id}/kyc/approve'],
      ['post', '/admin/users/{id}/kyc/reject'],
      ['get', '/categories'],
      ['get', '/categories/{id}'],
      ['post', '/categories'],
      ['patch', '/categories/{id}'],
      ['delete', '/categories/{id}'],
      ['post', '/listings'],
      ['get', '/listings'],
      ['get', '/listings/{id}'],
      ['patch', '/listings/{id}'],
      ['post', '/listings/{id}/publish'],
      ['delete', '/listings/{id}'],
      ['get', '/admin/moderation/listings'],
      ['post', '/admin/listings/{id}/approve'],
      ['post', '/admin/listings/{id}/reject'],
      ['post', '/media/uploads'],
      ['post', '/media/{id}/complete'],
      ['get', '/media/{id}'],
      ['post', '/admin/media/{id}/moderation'],
    ];
    for (const [method, path] of expected) expect(doc.paths[path!]?.[method!], `${method} ${path}`).toBeDefined();
    expect(doc.components.schemas).toHaveProperty('RegisterRequest');
    expect(doc.paths['/auth/register'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/RegisterRequest',
    });
  });

  it('GET /docs serves the Swagger UI', async () => {
    const res = await request(t.app).get('/docs/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger-ui');
  });
});
