import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem, fieldPaths, registerUser } from '../support/http-helpers.js';

interface RawAnswer {
  status: number;
  contentType: string | undefined;
  body: Record<string, unknown>;
}

describe('HTTP edges of the request: path, body and token', () => {
  let t: TestApp;
  let server: ReturnType<TestApp['app']['listen']>;

  /** Sends bytes exactly as given (supertest would serialise a Buffer under a JSON type). */
  function raw(path: string, headers: Record<string, string>, body: Buffer): Promise<RawAnswer> {
    const { port } = server.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { port, path, method: 'POST', headers: { ...headers, 'content-length': String(body.length) } },
        (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              contentType: res.headers['content-type'],
              body: JSON.parse(text || '{}'),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
  const login = (email: string) => Buffer.from(JSON.stringify({ email, password: 'not the password' }));

  beforeAll(async () => {
    t = await createTestApp();
    server = t.app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    server.close();
    await t.close();
  });

  it.each(['/api/v1/listings/%E0%A4%A', '/api/v1/%E0%A4%A/listings', '/api/v1/categories/ok%ZZ', '/nowhere/%E0'])(
    'answers a malformed percent-encoding in the path %s with 400 MALFORMED_URL naming the path',
    async (path) => {
      const body = expectProblem(await request(t.app).get(path), 400, 'MALFORMED_URL');
      expect(fieldPaths(body)).toEqual(['path']);
    },
  );

  it('answers malformed JSON with 400 MALFORMED_JSON and errors naming the body', async () => {
    const res = await request(t.app)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email":');
    expect(fieldPaths(expectProblem(res, 400, 'MALFORMED_JSON'))).toEqual(['body']);
  });

  it('answers an unknown Content-Encoding with 415 UNSUPPORTED_ENCODING', async () => {
    const res = await raw(
      '/api/v1/auth/login',
      { 'content-type': 'application/json', 'content-encoding': 'snappy' },
      login('a@example.com'),
    );
    expect(res).toMatchObject({
      status: 415,
      contentType: expect.stringMatching(/^application\/problem\+json/),
      body: { code: 'UNSUPPORTED_ENCODING' },
    });
  });

  it('reads a gzip or br body, and answers a corrupt one with 400 MALFORMED_BODY naming the body', async () => {
    const user = await registerUser(t.app);
    for (const [encoding, compress] of [
      ['gzip', gzipSync],
      ['br', brotliCompressSync],
    ] as const) {
      const good = await raw(
        '/api/v1/auth/login',
        { 'content-type': 'application/json', 'content-encoding': encoding },
        compress(login(user.email)),
      );
      expect(good.body.code, encoding).toBe('AUTH_INVALID_CREDENTIALS');
      const corrupt = await raw(
        '/api/v1/auth/login',
        { 'content-type': 'application/json', 'content-encoding': encoding },
        login(user.email),
      );
      expect(corrupt, encoding).toMatchObject({
        status: 400,
        contentType: expect.stringMatching(/^application\/problem\+json/),
        body: { code: 'MALFORMED_BODY' },
      });
      expect(fieldPaths(corrupt.body), encoding).toEqual(['body']);
    }
  });

  it('answers a body that is not JSON on a JSON route with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const text = await request(t.app)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'text/plain')
      .send('email=a@example.com');
    expectProblem(text, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const form = await request(t.app).post('/api/v1/auth/register').type('form').send({ email: 'a@example.com' });
    expectProblem(form, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const untyped = await raw('/api/v1/auth/login', {}, login('a@example.com'));
    expect(untyped).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    const charset = await request(t.app)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ email: 'a@example.com', password: 'x' }));
    expectProblem(charset, 401, 'AUTH_INVALID_CREDENTIALS');
    expectProblem(await request(t.app).post('/api/v1/auth/login'), 400, 'VALIDATION_FAILED');
  });

  it('answers a public route sent an invalid or expired token with 401; without a token it answers', async () => {
    const user = await registerUser(t.app);
    expect((await request(t.app).get('/api/v1/categories').set(user.auth)).status).toBe(200);
    expectProblem(
      await request(t.app).get('/api/v1/categories').set('Authorization', 'Bearer not.a.token'),
      401,
      'AUTH_INVALID_TOKEN',
    );
    expectProblem(
      await request(t.app).get('/api/v1/listings').set('Authorization', 'Basic dXNlcjpwYXNz'),
      401,
      'AUTH_INVALID_TOKEN',
    );
    t.clock.advance(16 * 60_000);
    expectProblem(await request(t.app).get('/api/v1/categories').set(user.auth), 401, 'AUTH_INVALID_TOKEN');
    expectProblem(await request(t.app).get('/api/v1/listings').set(user.auth), 401, 'AUTH_INVALID_TOKEN');
    expect((await request(t.app).get('/api/v1/categories')).status).toBe(200);
    expect((await request(t.app).get('/api/v1/listings')).status).toBe(200);
  });

  it('documents 415 on every route that reads a JSON body', async () => {
    const document = (await request(t.app).get('/openapi.json')).body as {
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
    };
    const bodyRoutes = Object.values(document.paths)
      .flatMap((verbs) => Object.values(verbs))
      .filter((op) => op.requestBody);
    expect(bodyRoutes.length).toBeGreaterThan(10);
    for (const op of bodyRoutes) expect(Object.keys(op.responses)).toContain('415');
  });
});
