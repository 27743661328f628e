import jwt from 'jsonwebtoken';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../../support/test-app.js';
import { expectProblem, fieldPaths, registerUser } from '../../support/http-helpers.js';

describe('HTTP auth routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('POST /auth/register', () => {
    it('answers 201 with the user and a token pair, buyer by default', async () => {
      const res = await request(t.app)
        .post('/api/v1/auth/register')
        .send({ email: 'new@example.com', password: 'a long password', displayName: 'New' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        user: {
          id: expect.any(String),
          email: 'new@example.com',
          displayName: 'New',
          roles: ['buyer'],
          kyc: { status: 'none' },
          createdAt: expect.any(String),
        },
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|scrypt/);
    });

    it('answers 409 EMAIL_TAKEN for the same email in another case', async () => {
      const first = await registerUser(t.app);
      const res = await request(t.app)
        .post('/api/v1/auth/register')
        .send({ email: first.email.toUpperCase(), password: 'a long password', displayName: 'X' });
      expectProblem(res, 409, 'EMAIL_TAKEN');
    });

    it('answers 400 naming each missing or wrong-typed field', async () => {
      const res = await request(t.app).post('/api/v1/auth/register').send({ email: 42, password: 'short' });
      const body = expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(fieldPaths(body)).toEqual(expect.arrayContaining(['body.email', 'body.password', 'body.displayName']));
    });

    it('refuses roles ["admin"] with 400', async () => {
      const res = await request(t.app)
        .post('/api/v1/auth/register')
        .send({ email: 'sneaky@example.com', password: 'a long password', displayName: 'S', roles: ['admin'] });
      expect(fieldPaths(expectProblem(res, 400))).toContain('body.roles.0');
    });

    it('gives one 201 and nineteen 409 when 20 registrations of one email race', async () => {
      const body = { email: 'race@example.com', password: 'a long password', displayName: 'Racer' };
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => request(t.app).post('/api/v1/auth/register').send(body)),
      );
      expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
      expect(answers.filter((r) => r.status === 409 && r.body.code === 'EMAIL_TAKEN')).toHaveLength(19);
    });

    it('accepts seller and courier roles', async () => {
      const user = await registerUser(t.app, { roles: ['seller', 'courier'] });
      const me = await request(t.app).get('/api/v1/users/me').set(user.auth);
      expect(me.body.roles).toEqual(['seller', 'courier']);
    });

    it('answers 400 for malformed JSON and 413 for a body over 1 MB', async () => {
      const malformed = await request(t.app)
        .post('/api/v1/auth/register')
        .set('Content-Type', 'application/json')
        .send('{"email":');
      expectProblem(malformed, 400, 'MALFORMED_JSON');
      const big = await request(t.app)
        .post('/api/v1/auth/register')
        .send({ email: 'a@b.co', password: 'x'.repeat(1_100_000), displayName: 'Big' });
      expectProblem(big, 413, 'PAYLOAD_TOO_LARGE');
    });
  });

  describe('POST /auth/login', () => {
    it('answers 200 with a pair for the right password', async () => {
      const user = await registerUser(t.app);
      const res = await request(t.app)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: 'a long password' });
      expect(res.status).toBe(200);
      expect(res.body.user.id).toBe(user.id);
    });

    it('answers 401 for a wrong password', async () => {
      const user = await registerUser(t.app);
      const res = await request(t.app)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: 'not the password' });
      expectProblem(res, 401, 'AUTH_INVALID_CREDENTIALS');
    });

    it('treats {"email": {"$ne": null}} as bad input (400), never as a login', async () => {
      await registerUser(t.app);
      const res = await request(t.app)
        .post('/api/v1/auth/login')
        .send({ email: { $ne: null }, password: { $ne: null } });
      expect(fieldPaths(expectProblem(res, 400))).toEqual(expect.arrayContaining(['body.email', 'body.password']));
    });

    it('throttles after 5 failed logins for one email from one address: 429 with Retry-After', async () => {
      const user = await registerUser(t.app);
      const attempt = (password: string) =>
        request(t.app).post('/api/v1/auth/login').send({ email: user.email, password });
      for (let i = 0; i < 5; i += 1) expectProblem(await attempt('wrong password!'), 401);
      const sixth = await attempt('wrong password!');
      expectProblem(sixth, 429, 'AUTH_TOO_MANY_ATTEMPTS');
      expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
      expectProblem(await attempt('a long password'), 429);
      const other = await registerUser(t.app);
      expect(
        (await request(t.app).post('/api/v1/auth/login').send({ email: other.email, password: 'a long password' }))
          .status,
      ).toBe(200);
    });
  });

  it('lets no more than 5 of 30 simultaneous wrong passwords through to a 401', async () => {
    const user = await registerUser(t.app);
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        request(t.app).post('/api/v1/auth/login').send({ email: user.email, password: 'guess password' }),
      ),
    );
    expect(answers.filter((r) => r.status === 401)).toHaveLength(5);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(25);
  });

  describe('POST /auth/refresh and /auth/logout', () => {
    it('rotates the pair; the old refresh token is spent', async () => {
      const user = await registerUser(t.app);
      const res = await request(t.app).post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken });
      expect(res.status).toBe(200);
      expect(res.body.refreshToken).not.toBe(user.refreshToken);
      const me = await request(t.app).get('/api/v1/users/me').set('Authorization', `Bearer ${res.body.accessToken}`);
      expect(me.status).toBe(200);
    });

    it('on reuse answers 401 and revokes the family: the live token fails too', async () => {
      const user = await registerUser(t.app);
      const rotated = await request(t.app).post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken });
      const reuse = await request(t.app).post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken });
      expectProblem(reuse, 401, 'AUTH_REFRESH_TOKEN_REUSED');
      const live = await request(t.app).post('/api/v1/auth/refresh').send({ refreshToken: rotated.body.refreshToken });
      expectProblem(live, 401, 'AUTH_INVALID_REFRESH_TOKEN');
    });

    it('logout answers 204 and ends that login', async () => {
      const user = await registerUser(t.app);
      const res = await request(t.app)
        .post('/api/v1/auth/logout')
        .set(user.auth)
        .send({ refreshToken: user.refreshToken });
      expect(res.status).toBe(204);
      expectProblem(await request(t.app).post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }), 401);
    });

    it('logout with a refresh token of another user is 401 and revokes nothing: that user still refreshes', async () => {
      const a = await registerUser(t.app);
      const b = await registerUser(t.app);
      const res = await request(t.app).post('/api/v1/auth/logout').set(a.auth).send({ refreshToken: b.refreshToken });
      expectProblem(res, 401, 'AUTH_INVALID_REFRESH_TOKEN');
      expect((await request(t.app).post('/api/v1/auth/refresh').send({ refreshToken: b.refreshToken })).status).toBe(
        200,
      );
      expect((await request(t.app).post('/api/v1/auth/refresh').send({ refreshToken: a.refreshToken })).status).toBe(
        200,
      );
    });

    it('logout needs an access token', async () => {
      const user = await registerUser(t.app);
      expectProblem(
        await request(t.app).post('/api/v1/auth/logout').send({ refreshToken: user.refreshToken }),
        401,
        'AUTH_INVALID_TOKEN',
      );
    });
  });

  describe('access tokens', () => {
    const me = (token: string) => request(t.app).get('/api/v1/users/me').set('Authorization', `Bearer ${token}`);

    it('refuses a missing token', async () => {
      expectProblem(await request(t.app).get('/api/v1/users/me'), 401, 'AUTH_INVALID_TOKEN');
    });

    it('refuses a tampered token', async () => {
      const user = await registerUser(t.app);
      const [header, payload, signature] = user.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
      expectProblem(await me(`${header}.${forged}.${signature}`), 401, 'AUTH_INVALID_TOKEN');
    });

    it('refuses an expired token', async () => {
      const user = await registerUser(t.app);
      t.clock.advance(16 * 60_000);
      try {
        expectProblem(await me(user.accessToken), 401, 'AUTH_INVALID_TOKEN');
      } finally {
        t.clock.advance(-16 * 60_000);
      }
    });

    it('refuses alg: none and a token signed with another key or algorithm', async () => {
      const user = await registerUser(t.app);
      const claims = { sub: user.id, roles: ['admin'], iss: 'uty' };
      const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
      expectProblem(await me(unsigned), 401);
      expectProblem(
        await me(jwt.sign(claims, 'another-secret-of-at-least-32-characters', { algorithm: 'HS256', expiresIn: 60 })),
        401,
      );
      expectProblem(await me(jwt.sign(claims, TEST_JWT_SECRET, { algorithm: 'HS512', expiresIn: 60 })), 401);
    });
  });
});
