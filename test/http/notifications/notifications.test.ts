import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../../src/application/shared/events/event-bus.js';
import {
  expectProblem,
  registerUser,
  signInAdmin,
  TEST_ADMIN,
  verifiedSeller,
  type SignedIn,
} from '../../support/http-helpers.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

const WAIT = { timeout: 5000, interval: 20 };

describe('HTTP notifications', () => {
  let t: TestApp;
  let ada: SignedIn;
  let bob: SignedIn;

  const inbox = (who: SignedIn, query = '') => request(t.app).get(`/api/v1/notifications${query}`).set(who.auth);
  const markRead = (who: SignedIn, id: string) => request(t.app).post(`/api/v1/notifications/${id}/read`).set(who.auth);
  /** Publishes a notification.send a second after the previous one and waits until it is in the inbox. */
  const send = async (who: SignedIn, title: string): Promise<string> => {
    t.clock.advance(1000);
    const event = await t.container.get<EventBus>(EventBus).publish('notification.send', {
      userId: who.id,
      type: 'test.message',
      title,
      body: `${title} body`,
      data: { ref: title },
    });
    await vi.waitFor(
      async () =>
        expect((await inbox(who, '?limit=100')).body.items.map((n: { id: string }) => n.id)).toContain(event.id),
      WAIT,
    );
    return event.id;
  };

  beforeAll(async () => {
    t = await createTestApp(TEST_ADMIN);
    [ada, bob] = await Promise.all([registerUser(t.app), registerUser(t.app)]);
  });
  afterAll(() => t.close());

  it('answers 401 without a token', async () => {
    expectProblem(await request(t.app).get('/api/v1/notifications'), 401);
    expectProblem(await request(t.app).post('/api/v1/notifications/any/read'), 401);
  });

  it('lists only your notifications, newest first, with the documented fields, page by page', async () => {
    const user = await registerUser(t.app);
    const ids = [await send(user, 'first'), await send(user, 'second'), await send(user, 'third')];
    await send(bob, 'not yours');
    const res = await inbox(user);
    expect(res.status).toBe(200);
    expect(res.body.items.map((n: { id: string }) => n.id)).toEqual([...ids].reverse());
    expect(res.body.items[0]).toStrictEqual({
      id: ids[2],
      type: 'test.message',
      title: 'third',
      body: 'third body',
      data: { ref: 'third' },
      readAt: null,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
    expect(res.body.nextCursor).toBeNull();
    const first = await inbox(user, '?limit=2');
    expect(first.body.items.map((n: { id: string }) => n.id)).toEqual([ids[2], ids[1]]);
    const second = await inbox(user, `?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
  });

  it('marks read (200 with readAt), keeps the first readAt, and ?unread=true leaves it out', async () => {
    const older = await send(ada, 'older');
    const newer = await send(ada, 'newer');
    const read = await markRead(ada, older);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: older, title: 'older', readAt: t.clock.now().toISOString() });
    t.clock.advance(60_000);
    expect((await markRead(ada, older)).body.readAt).toBe(read.body.readAt);
    const unread = await inbox(ada, '?unread=true&limit=100');
    expect(unread.body.items.map((n: { id: string }) => n.id)).toContain(newer);
    expect(unread.body.items.map((n: { id: string }) => n.id)).not.toContain(older);
    expect((await inbox(ada, '?unread=false&limit=100')).body.items.map((n: { id: string }) => n.id)).toContain(older);
  });

  it("answers 404 NOTIFICATION_NOT_FOUND for another user's notification and an unknown id, leaving it unread", async () => {
    const adas = await send(ada, 'private');
    expectProblem(await markRead(bob, adas), 404, 'NOTIFICATION_NOT_FOUND');
    expectProblem(await markRead(ada, 'no-such-notification'), 404, 'NOTIFICATION_NOT_FOUND');
    const listed = (await inbox(ada, '?limit=100')).body.items.find((n: { id: string }) => n.id === adas);
    expect(listed.readAt).toBeNull();
  });

  it('answers 400 for a bad unread flag, limit or cursor', async () => {
    expectProblem(await inbox(ada, '?unread=yes'), 400, 'VALIDATION_FAILED');
    expectProblem(await inbox(ada, '?limit=0'), 400, 'VALIDATION_FAILED');
    expectProblem(await inbox(ada, '?cursor=nonsense'), 400, 'INVALID_CURSOR');
  });

  it("a real action's notification lands in the inbox: a KYC approval", async () => {
    const admin = await signInAdmin(t.app);
    const seller = await verifiedSeller(t.app, admin);
    await vi.waitFor(async () => {
      const res = await inbox(seller);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          type: 'kyc.approved',
          title: 'Identity verified',
          data: { kycStatus: 'verified' },
          readAt: null,
        }),
      ]);
    }, WAIT);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await request(t.app).get('/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/notifications', '/notifications/{id}/read']));
    expect(doc.components.schemas.Notification).toBeDefined();
  });
});
