import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem, registerUser, relogin, TEST_ADMIN } from '../support/http-helpers.js';
import { auctionWorld } from '../support/auction-helpers.js';
import { describeWithService, uniqueName } from '../support/real-services.js';

const apps: TestApp[] = [];
async function app(env: Record<string, string>): Promise<TestApp> {
  const t = await createTestApp({ TRUST_PROXY: '1', ...env });
  apps.push(t);
  return t;
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((t) => t.close()));
});

let counter = 0;
const newEmail = () => `limited${(counter += 1)}-${Date.now()}@example.com`;
const register = (t: TestApp, from = '203.0.113.1') =>
  request(t.app)
    .post('/api/v1/auth/register')
    .set('X-Forwarded-For', from)
    .send({ email: newEmail(), password: 'a long password', displayName: 'Limited' });
const login = (t: TestApp, email: string, password: string, from = '203.0.113.1') =>
  request(t.app).post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ email, password });

/** A 429 RATE_LIMITED (or `code`) problem with a Retry-After of 1..`windowSeconds` seconds. */
function expectLimited(res: request.Response, windowSeconds: number, code = 'RATE_LIMITED'): void {
  expectProblem(res, 429, code);
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
}

describe('rate limits', () => {
  it('registrations per client address: REGISTER_MAX_PER_IP an hour, then 429 RATE_LIMITED with Retry-After; another address is not affected', async () => {
    const t = await app({ REGISTER_MAX_PER_IP: '3' });
    for (let i = 0; i < 3; i += 1) expect((await register(t)).status).toBe(201);
    expectLimited(await register(t), 3600);
    expect((await register(t, '198.51.100.7')).status).toBe(201);
  });

  it('counts at most REGISTER_MAX_PER_IP of 20 simultaneous registrations from one address', async () => {
    const t = await app({ REGISTER_MAX_PER_IP: '5' });
    const answers = await Promise.all(Array.from({ length: 20 }, () => register(t)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(5);
    for (const res of answers.filter((r) => r.status !== 201)) expectLimited(res, 3600);
  });

  it('failed logins per address over all emails: LOGIN_MAX_FAILURES_PER_IP per window, successes not counted', async () => {
    const t = await app({ LOGIN_MAX_FAILURES_PER_IP: '4', LOGIN_WINDOW_SECONDS: '600' });
    const user = await registerUser(t.app);
    for (let i = 0; i < 6; i += 1) expect((await login(t, user.email, 'a long password')).status).toBe(200);
    for (let i = 0; i < 4; i += 1) expectProblem(await login(t, newEmail(), 'wrong password!'), 401);
    expectLimited(await login(t, newEmail(), 'wrong password!'), 600);
    expectLimited(await login(t, user.email, 'a long password'), 600);
    expectProblem(await login(t, newEmail(), 'wrong password!', '198.51.100.7'), 401);
  });

  it("a successful login clears that email's failure count: N-1 failures, a success, N-1 failures again is not locked", async () => {
    const t = await app({ LOGIN_MAX_FAILURES: '5' });
    const user = await registerUser(t.app);
    for (let i = 0; i < 4; i += 1) expectProblem(await login(t, user.email, 'wrong password!'), 401);
    expect((await login(t, user.email, 'a long password')).status).toBe(200);
    for (let i = 0; i < 5; i += 1) expectProblem(await login(t, user.email, 'wrong password!'), 401);
    expectLimited(await login(t, user.email, 'wrong password!'), 900, 'AUTH_TOO_MANY_ATTEMPTS');
  });

  it('bids per user: BID_MAX_PER_SECOND, then 429 RATE_LIMITED for a second; other bidders are not affected', async () => {
    const t = await app({ ...TEST_ADMIN, BID_MAX_PER_SECOND: '3' });
    const world = await auctionWorld(t);
    const auction = (await world.auction()).body.id as string;
    const [eager, calm] = [await registerUser(t.app), await registerUser(t.app)];
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => world.bid(eager, auction, 1_000 + i * 100)));
    const limited = answers.filter((r) => r.status === 429);
    if (Date.now() - started < 900) expect(answers.length - limited.length).toBe(3);
    expect(limited.length).toBeGreaterThan(0);
    for (const res of limited) expectLimited(res, 1);
    expect((await world.bid(calm, auction, 50_000)).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await world.bid(eager, auction, 60_000)).status).toBe(201);
  });
});

describe('open upload slots (MEDIA_MAX_PENDING_UPLOADS)', () => {
  const png = Buffer.alloc(1500, 7);
  const requestUpload = (t: TestApp, auth: { Authorization: string }) =>
    request(t.app)
      .post('/api/v1/media/uploads')
      .set(auth)
      .send({ contentType: 'image/png', size: png.length, filename: 'bike.png' });

  it('answers 429 RATE_LIMITED with Retry-After once that many uploads await their bytes; a completed or expired one frees its slot', async () => {
    const t = await app({ MEDIA_MAX_PENDING_UPLOADS: '3', MEDIA_UPLOAD_URL_TTL_SECONDS: '120' });
    const [user, other] = [await registerUser(t.app), await registerUser(t.app)];
    const tickets = [];
    for (let i = 0; i < 3; i += 1) tickets.push(await requestUpload(t, user.auth));
    expect(tickets.map((r) => r.status)).toEqual([201, 201, 201]);
    expectLimited(await requestUpload(t, user.auth), 120);
    expect((await requestUpload(t, other.auth)).status).toBe(201);

    const { mediaId, uploadUrl } = tickets[0]!.body as { mediaId: string; uploadUrl: string };
    const target = new URL(uploadUrl);
    expect(
      (
        await request(t.app)
          .put(target.pathname + target.search)
          .set('Content-Type', 'image/png')
          .send(png)
      ).status,
    ).toBeLessThan(300);
    expect((await request(t.app).post(`/api/v1/media/${mediaId}/complete`).set(user.auth)).status).toBe(200);
    expect((await requestUpload(t, user.auth)).status).toBe(201);
    expectLimited(await requestUpload(t, user.auth), 120);
    t.clock.advance(121_000);
    await relogin(t.app, user);
    expect((await requestUpload(t, user.auth)).status).toBe(201);
  });

  it('of 20 simultaneous upload requests of one user, exactly MEDIA_MAX_PENDING_UPLOADS get a 201', async () => {
    const t = await app({ MEDIA_MAX_PENDING_UPLOADS: '4' });
    const user = await registerUser(t.app);
    const answers = await Promise.all(Array.from({ length: 20 }, () => requestUpload(t, user.auth)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(4);
    for (const res of answers.filter((r) => r.status !== 201)) expectLimited(res, 300);
  });
});

describeWithService('REDIS_URL', 'rate limits in Redis', (redisUrl) => {
  it('two instances share the counts: registrations and failed logins from one address', async () => {
    const env = {
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: `${uniqueName('uty')}:`,
      REGISTER_MAX_PER_IP: '3',
      LOGIN_MAX_FAILURES_PER_IP: '2',
    };
    const [a, b] = [await app(env), await app(env)];
    expect((await register(a)).status).toBe(201);
    expect((await register(b)).status).toBe(201);
    expect((await register(a)).status).toBe(201);
    expectLimited(await register(b), 3600);
    expectLimited(await register(a), 3600);

    expectProblem(await login(a, newEmail(), 'wrong password!'), 401);
    expectProblem(await login(b, newEmail(), 'wrong password!'), 401);
    expectLimited(await login(a, newEmail(), 'wrong password!'), 900);
    expectLimited(await login(b, newEmail(), 'wrong password!'), 900);
  });

  it("a success on one instance clears the email's failures counted on the other", async () => {
    const env = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `${uniqueName('uty')}:`, LOGIN_MAX_FAILURES: '3' };
    const [a, b] = [await app(env), await app(env)];
    // Users live in memory per instance here: the same account on both.
    const user = { email: newEmail(), password: 'a long password', displayName: 'Twice' };
    for (const t of [a, b]) expect((await request(t.app).post('/api/v1/auth/register').send(user)).status).toBe(201);
    expectProblem(await login(a, user.email, 'wrong password!'), 401);
    expectProblem(await login(b, user.email, 'wrong password!'), 401);
    expect((await login(b, user.email, 'a long password')).status).toBe(200);
    for (let i = 0; i < 3; i += 1) expectProblem(await login(a, user.email, 'wrong password!'), 401);
    expectLimited(await login(b, user.email, 'wrong password!'), 900, 'AUTH_TOO_MANY_ATTEMPTS');
  });

  it("two instances share a user's open upload slots", async () => {
    const env = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `${uniqueName('uty')}:`, MEDIA_MAX_PENDING_UPLOADS: '2' };
    const [a, b] = [await app(env), await app(env)];
    const user = await registerUser(a.app);
    const upload = (t: TestApp) =>
      request(t.app)
        .post('/api/v1/media/uploads')
        .set(user.auth)
        .send({ contentType: 'image/png', size: 100, filename: 'a.png' });
    expect((await upload(a)).status).toBe(201);
    expect((await upload(b)).status).toBe(201);
    expectLimited(await upload(a), 300);
    expectLimited(await upload(b), 300);
  });
});
