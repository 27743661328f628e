import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, registerUser, signInAdmin, TEST_ADMIN, type SignedIn } from '../../support/http-helpers.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

/** One rule (api.md 1.1, issue 14): an unknown query parameter or body field is a 400 naming it. */
describe('unknown query parameters and body fields are refused everywhere', () => {
  let t: TestApp;
  let user: SignedIn;
  let admin: { Authorization: string };

  const api = () => request(t.app);
  const errorsOf = (res: request.Response) => expectProblem(res, 400, 'VALIDATION_FAILED').errors;

  beforeAll(async () => {
    t = await createTestApp(TEST_ADMIN);
    user = await registerUser(t.app, { roles: ['buyer', 'seller'] });
    admin = await signInAdmin(t.app);
  });
  afterAll(() => t.close());

  it('POST /auth/register: an extra body field, with nothing created', async () => {
    const email = `extra-${Date.now()}@example.com`;
    const res = await api()
      .post('/api/v1/auth/register')
      .send({ email, password: 'a long password', displayName: 'Extra', isAdmin: true });
    expect(errorsOf(res)).toEqual([{ path: 'body.isAdmin', message: 'unknown field' }]);
    expect((await api().post('/api/v1/auth/login').send({ email, password: 'a long password' })).status).toBe(401);
  });

  it('PATCH /users/me: an extra field, named like every other one', async () => {
    const res = await api().patch('/api/v1/users/me').set(user.auth).send({ displayName: 'New', role: 'admin' });
    expect(errorsOf(res)).toEqual([{ path: 'body.role', message: 'unknown field' }]);
  });

  it('POST /orders: an unknown field deep in the body (the shipping address)', async () => {
    const res = await api()
      .post('/api/v1/orders')
      .set(user.auth)
      .set('Idempotency-Key', 'unknown-fields-1')
      .send({
        shippingAddress: { name: 'A', line1: '1 rue', city: 'Paris', postalCode: '75001', country: 'FR', floor: 3 },
      });
    expect(errorsOf(res)).toEqual([{ path: 'body.shippingAddress.floor', message: 'unknown field' }]);
  });

  it.each([
    ['/api/v1/orders?role=buyer&sort=newest', 'query.sort'],
    ['/api/v1/notifications?unreadOnly=true', 'query.unreadOnly'],
    ['/api/v1/auctions?status=live&page=2', 'query.page'],
    ['/api/v1/users/me?expand=kyc', 'query.expand'],
    ['/api/v1/listings?colour=red', 'query.colour'],
  ])('GET %s: the unknown parameter %s', async (path, field) => {
    const res = await api().get(path).set(user.auth);
    expect(errorsOf(res)).toEqual([{ path: field, message: 'unknown parameter' }]);
  });

  it('a route without a body refuses a body with fields, and takes an empty one', async () => {
    const res = await api().post('/api/v1/auth/logout').set(user.auth).send({ refreshToken: user.refreshToken });
    expect(res.status).toBe(204);
    const bodiless = await api().get('/api/v1/admin/users').set(admin).query({ limit: 1 });
    expect(bodiless.status).toBe(200);
    const extra = await api()
      .post(`/api/v1/admin/users/${user.id}/kyc/approve`)
      .set(admin)
      .send({ reason: 'ok', approvedBy: 'me' });
    expect(errorsOf(extra)).toEqual([{ path: 'body.approvedBy', message: 'unknown field' }]);
  });

  it('names every bad field at once: unknown ones and invalid ones', async () => {
    const res = await api().patch('/api/v1/users/me').set(user.auth).send({ displayName: '', nickname: 'x' });
    const paths = (errorsOf(res) as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['body.displayName', 'body.nickname']);
  });

  it('still takes the free-form parameters a route declares (search: attr.<key>)', async () => {
    const res = await api().get('/api/v1/listings?attr.condition=used&attr.frame_size.min=50');
    expect(res.status).toBe(200);
  });
});
