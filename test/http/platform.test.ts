import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/adapters/platform/runtime.js';
import { runtimeOf } from '../../src/container.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/http-helpers.js';

describe('HTTP platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('GET /healthz answers 200', async () => {
    expect((await request(t.app).get('/healthz')).body).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers 200 on the embedded default, 503 naming a failing backend', async () => {
    expect((await request(t.app).get('/readyz')).status).toBe(200);
    const runtime: Runtime = runtimeOf(t.container);
    runtime.healthChecks.push({ name: 'broken-thing', ping: () => Promise.reject(new Error('down')) });
    try {
      const res = await request(t.app).get('/readyz');
      expect(expectProblem(res, 503, 'NOT_READY')).toMatchObject({ failing: ['broken-thing'] });
    } finally {
      runtime.healthChecks.pop();
    }
  });

  it('honours a well-formed X-Request-Id and makes one otherwise', async () => {
    expect((await request(t.app).get('/healthz').set('X-Request-Id', 'abc-123')).headers['x-request-id']).toBe('abc-123');
    expect((await request(t.app).get('/healthz').set('X-Request-Id', 'bad id with spaces')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
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

  it('GET /openapi.json documents every route of the identity, catalog and media sections with its schemas', async () => {
    const doc = (await request(t.app).get('/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    const expected = [
      ['post', '/auth/register'], ['post', '/auth/login'], ['post', '/auth/refresh'], ['post', '/auth/logout'],
      ['get', '/users/me'], ['patch', '/users/me'], ['post', '/users/me/kyc'], ['post', '/users/me/devices'],
      ['delete', '/users/me/devices/{token}'], ['post', '/admin/users/{id}/kyc/approve'], ['post', '/admin/users/{id}/kyc/reject'],
      ['get', '/categories'], ['get', '/categories/{id}'], ['post', '/categories'], ['patch', '/categories/{id}'], ['delete', '/categories/{id}'],
      ['post', '/listings'], ['get', '/listings'], ['get', '/listings/{id}'], ['patch', '/listings/{id}'], ['post', '/listings/{id}/publish'],
      ['delete', '/listings/{id}'], ['get', '/admin/moderation/listings'], ['post', '/admin/listings/{id}/approve'], ['post', '/admin/listings/{id}/reject'],
      ['post', '/media/uploads'], ['post', '/media/{id}/complete'], ['get', '/media/{id}'], ['post', '/admin/media/{id}/moderation'],
    ];
    for (const [method, path] of expected) expect(doc.paths[path!]?.[method!], `${method} ${path}`).toBeDefined();
    expect(doc.components.schemas).toHaveProperty('RegisterRequest');
    expect(doc.paths['/auth/register'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/RegisterRequest' });
  });

  it('GET /docs serves the Swagger UI', async () => {
    const res = await request(t.app).get('/docs/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger-ui');
  });
});
