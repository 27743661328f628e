import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '../../support/http-helpers.js';
import { connected, createRealtimeTestApp, type RealtimeTestApp } from '../../support/realtime-app.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

const SHOP = 'https://shop.example';
const LOCAL_DEV = 'http://localhost:5173';
const STRANGER = 'https://evil.example';

const preflight = (t: TestApp, path: string, origin: string, method = 'POST') =>
  request(t.app)
    .options(path)
    .set('Origin', origin)
    .set('Access-Control-Request-Method', method)
    .set('Access-Control-Request-Headers', 'authorization,content-type,idempotency-key,x-request-id');

const listOf = (header: string | undefined) => (header ?? '').split(',').map((item) => item.trim().toLowerCase());

describe('CORS with CORS_ORIGINS set to a list', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: `${SHOP}, ${LOCAL_DEV}/` });
  });
  afterAll(() => t.close());

  it.each(['/api/v1/orders', '/api/v1/auctions/a1/bids', '/openapi.json', '/healthz'])(
    'answers the preflight of an allowed origin on %s with 204, its methods and headers',
    async (path) => {
      const res = await preflight(t, path, LOCAL_DEV);
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(LOCAL_DEV);
      expect(listOf(res.headers['access-control-allow-headers'])).toEqual(
        expect.arrayContaining(['authorization', 'content-type', 'idempotency-key', 'x-request-id']),
      );
      expect(listOf(res.headers['access-control-allow-methods'])).toEqual(
        expect.arrayContaining(['get', 'post', 'patch', 'put', 'delete']),
      );
      expect(Number(res.headers['access-control-max-age'])).toBeGreaterThan(0);
      expect(listOf(res.headers.vary)).toContain('origin');
    },
  );

  it('answers the preflight of another origin without any CORS header, so that the browser refuses', async () => {
    const res = await preflight(t, '/api/v1/orders', STRANGER);
    expect(res.status).toBe(204);
    for (const name of Object.keys(res.headers)) expect(name).not.toMatch(/^access-control-/);
    expect(listOf(res.headers.vary)).toContain('origin');
  });

  it('exposes Location, Retry-After and X-Request-Id on a simple request of an allowed origin', async () => {
    const res = await request(t.app).get('/api/v1/listings').set('Origin', SHOP);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(SHOP);
    expect(listOf(res.headers['access-control-expose-headers'])).toEqual(
      expect.arrayContaining(['location', 'retry-after', 'x-request-id']),
    );
    expect(listOf(res.headers.vary)).toContain('origin');
  });

  it('serves another origin without CORS headers (the browser hides the answer) and varies by Origin', async () => {
    const res = await request(t.app).get('/api/v1/listings').set('Origin', STRANGER);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-expose-headers']).toBeUndefined();
    expect(listOf(res.headers.vary)).toContain('origin');
  });

  it('serves clients that send no Origin (apps, services) as before', async () => {
    const res = await request(t.app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('carries the CORS headers on errors too (a browser can read the problem)', async () => {
    const res = await request(t.app).get('/api/v1/orders').set('Origin', SHOP);
    expect(res.status).toBe(401);
    expect(res.headers['access-control-allow-origin']).toBe(SHOP);
  });
});

describe('CORS by default (CORS_ORIGINS unset: any origin)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers any preflight with 204 and allows every origin', async () => {
    const res = await preflight(t, '/api/v1/auth/register', STRANGER);
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(listOf(res.headers['access-control-allow-headers'])).toContain('idempotency-key');
  });

  it('exposes the headers on a 201 and lets other origins read the resource (Cross-Origin-Resource-Policy)', async () => {
    const res = await request(t.app)
      .post('/api/v1/auth/register')
      .set('Origin', STRANGER)
      .send({ email: `cors-${Date.now()}@example.com`, password: 'a long password', displayName: 'Cors' });
    expect(res.status).toBe(201);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(listOf(res.headers['access-control-expose-headers'])).toEqual(
      expect.arrayContaining(['location', 'retry-after', 'x-request-id']),
    );
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });
});

describe('Socket.IO accepts the CORS_ORIGINS origins only', () => {
  let t: RealtimeTestApp;
  let token: string;
  beforeAll(async () => {
    t = await createRealtimeTestApp({ CORS_ORIGINS: SHOP });
    token = (await registerUser(t.app)).accessToken;
  });
  afterEach(() => t.disconnectClients());
  afterAll(() => t.close());

  it('connects a page of an allowed origin', async () => {
    await connected(t.client(token, { extraHeaders: { Origin: SHOP } }));
  });

  it('connects a client that sends no Origin (a mobile app)', async () => {
    await connected(t.client(token));
  });

  it('refuses the handshake of another origin', async () => {
    await expect(connected(t.client(token, { extraHeaders: { Origin: STRANGER } }))).rejects.toThrow();
  });

  it('answers long-polling of an allowed origin with its CORS headers, and another origin with 403', async () => {
    const handshake = (origin: string) =>
      fetch(`${t.baseUrl}/socket.io/?EIO=4&transport=polling`, { headers: { Origin: origin } });
    const allowed = await handshake(SHOP);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SHOP);
    await allowed.text();
    const refused = await handshake(STRANGER);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    await refused.text();
  });
});
