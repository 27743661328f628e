import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnsureAdmin } from '../../../src/application/identity/ensure-admin/ensure-admin.js';
import { auditEntries } from '../../support/audit-helpers.js';
import { deliveryWorld, type DeliveryWorld } from '../../support/delivery-helpers.js';
import {
  expectProblem,
  fieldPaths,
  registerUser,
  submitKycDocument,
  TEST_ADMIN,
  uploadedMedia,
} from '../../support/http-helpers.js';
import { listingBody, publishedListing } from '../../support/catalog-helpers.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

describe('GET /admin/audit: one audit log of every admin action', () => {
  let t: TestApp;
  let w: DeliveryWorld;
  let adminId: string;
  beforeAll(async () => {
    t = await createTestApp(TEST_ADMIN);
    w = await deliveryWorld(t);
    adminId = (await request(t.app).get('/api/v1/users/me').set(w.admin)).body.id;
  });
  afterAll(() => t.close());

  const actionsOn = async (targetId: string, count: number) =>
    (await auditEntries(t.app, w.admin, { targetId }, count)).map(({ action, targetType, actorId, reason }) => ({
      action,
      targetType,
      actorId,
      ...(reason ? { reason } : {}),
    }));
  const post = (path: string, body: object = {}) => request(t.app).post(`/api/v1${path}`).set(w.admin).send(body);

  it('records KYC approve and reject on the user, with the reason', async () => {
    const [approved, rejected] = [
      await registerUser(t.app, { roles: ['seller'] }),
      await registerUser(t.app, { roles: ['seller'] }),
    ];
    await submitKycDocument(t.app, approved);
    await submitKycDocument(t.app, rejected);
    expect((await post(`/admin/users/${approved.id}/kyc/approve`)).status).toBe(200);
    expect((await post(`/admin/users/${rejected.id}/kyc/reject`, { reason: 'expired passport' })).status).toBe(200);
    expect(await actionsOn(approved.id, 1)).toEqual([{ action: 'kyc.approve', targetType: 'user', actorId: adminId }]);
    expect(await actionsOn(rejected.id, 1)).toEqual([
      { action: 'kyc.reject', targetType: 'user', actorId: adminId, reason: 'expired passport' },
    ]);
  });

  it('records media moderation verdicts; a repeated verdict records nothing more', async () => {
    const [approved, rejected] = [await uploadedMedia(t.app, w.seller.auth), await uploadedMedia(t.app, w.seller.auth)];
    expect((await post(`/admin/media/${approved}/moderation`, { verdict: 'approved' })).status).toBe(200);
    expect((await post(`/admin/media/${approved}/moderation`, { verdict: 'approved' })).status).toBe(200);
    expect((await post(`/admin/media/${rejected}/moderation`, { verdict: 'rejected' })).status).toBe(200);
    expect(await actionsOn(approved, 1)).toEqual([{ action: 'media.approve', targetType: 'media', actorId: adminId }]);
    expect(await actionsOn(rejected, 1)).toEqual([{ action: 'media.reject', targetType: 'media', actorId: adminId }]);
  });

  it('records category create, update and delete, newest first', async () => {
    const created = await post('/categories', { name: `Audited ${Date.now()}` });
    t.clock.advance(1000);
    expect(
      (await request(t.app).patch(`/api/v1/categories/${created.body.id}`).set(w.admin).send({ name: 'Renamed' }))
        .status,
    ).toBe(200);
    t.clock.advance(1000);
    expect((await request(t.app).delete(`/api/v1/categories/${created.body.id}`).set(w.admin)).status).toBe(204);
    expect((await actionsOn(created.body.id, 3)).map((e) => e.action)).toEqual([
      'category.delete',
      'category.update',
      'category.create',
    ]);
  });

  it('records a courier assignment (each reassignment too), an admin order cancel and an admin auction cancel', async () => {
    const { deliveryId } = await w.pendingDelivery();
    const [first, second] = [await w.courier(), await w.courier()];
    expect((await post(`/deliveries/${deliveryId}/assign`, { courierId: first.id })).status).toBe(200);
    expect((await post(`/deliveries/${deliveryId}/assign`, { courierId: first.id })).status).toBe(200);
    t.clock.advance(1000);
    expect((await post(`/deliveries/${deliveryId}/assign`, { courierId: second.id })).status).toBe(200);
    expect(await actionsOn(deliveryId, 2)).toEqual([
      { action: 'delivery.assign', targetType: 'delivery', actorId: adminId },
      { action: 'delivery.assign', targetType: 'delivery', actorId: adminId },
    ]);

    const { orderId } = await w.paidOrder();
    expect((await post(`/orders/${orderId}/cancel`)).status).toBe(200);
    expect(await actionsOn(orderId, 1)).toEqual([{ action: 'order.cancel', targetType: 'order', actorId: adminId }]);
    const own = await w.paidOrder();
    expect((await request(t.app).post(`/api/v1/orders/${own.orderId}/cancel`).set(own.buyer.auth)).status).toBe(200);

    const auction = await w.auction();
    expect((await post(`/auctions/${auction.body.id}/cancel`)).status).toBe(200);
    expect(await actionsOn(auction.body.id, 1)).toEqual([
      { action: 'auction.cancel', targetType: 'auction', actorId: adminId },
    ]);
    const sellers = await w.auction();
    expect((await request(t.app).post(`/api/v1/auctions/${sellers.body.id}/cancel`).set(w.seller.auth)).status).toBe(
      200,
    );

    // What buyers and sellers do to their own things is not an admin action.
    const listing = await publishedListing(t.app, w.seller.auth, listingBody(w.categoryId));
    expect((await request(t.app).delete(`/api/v1/listings/${listing.id}`).set(w.seller.auth)).status).toBe(204);
    const unaudited = await Promise.all(
      [own.orderId, sellers.body.id, listing.id].map((targetId) =>
        request(t.app).get('/api/v1/admin/audit').query({ targetId }).set(w.admin),
      ),
    );
    expect(unaudited.map((res) => res.body.items)).toEqual([[], [], []]);
  });

  it("filters by actor (another admin's actions apart) and pages newest first", async () => {
    await t.container.get(EnsureAdmin).execute('second-admin@example.com', 'second admin password');
    const login = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email: 'second-admin@example.com', password: 'second admin password' });
    const second = { Authorization: `Bearer ${login.body.accessToken}` };
    const secondId = login.body.user.id as string;
    const names = ['One', 'Two', 'Three'].map((name) => `${name} ${Date.now()}`);
    for (const name of names) {
      t.clock.advance(1000);
      expect((await request(t.app).post('/api/v1/categories').set(second).send({ name })).status).toBe(201);
    }
    const mine = await auditEntries(t.app, w.admin, { actorId: secondId }, 3);
    expect(mine.every((e) => e.actorId === secondId && e.action === 'category.create')).toBe(true);

    const page1 = await request(t.app).get('/api/v1/admin/audit').query({ actorId: secondId, limit: 2 }).set(w.admin);
    expect(page1.body.items).toEqual(mine.slice(0, 2));
    const page2 = await request(t.app)
      .get('/api/v1/admin/audit')
      .query({ actorId: secondId, limit: 2, cursor: page1.body.nextCursor })
      .set(w.admin);
    expect(page2.body).toEqual({ items: mine.slice(2), nextCursor: null });
    const all = await request(t.app).get('/api/v1/admin/audit').query({ limit: 100 }).set(w.admin);
    const times = all.body.items.map((e: { at: string }) => e.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(all.body.items.some((e: { actorId: string }) => e.actorId === adminId)).toBe(true);
  });

  it('is for admins only, and refuses bad queries with 400 naming them', async () => {
    expectProblem(await request(t.app).get('/api/v1/admin/audit').set(w.seller.auth), 403);
    expectProblem(await request(t.app).get('/api/v1/admin/audit'), 401);
    expect(
      fieldPaths(expectProblem(await request(t.app).get('/api/v1/admin/audit').query({ limit: 0 }).set(w.admin), 400)),
    ).toEqual(['query.limit']);
    expect(
      fieldPaths(
        expectProblem(
          await request(t.app).get('/api/v1/admin/audit').query({ cursor: 'nope' }).set(w.admin),
          400,
          'INVALID_CURSOR',
        ),
      ),
    ).toEqual(['query.cursor']);
  });
});
