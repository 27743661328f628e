import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deliveryWorld, type DeliveryWorld } from '../../support/delivery-helpers.js';
import { expectProblem, fieldPaths, registerUser, TEST_ADMIN, type SignedIn } from '../../support/http-helpers.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

const WAIT = { timeout: 5000, interval: 20 };
const ids = (res: request.Response) => (res.body.items as { id: string }[]).map((item) => item.id);

describe('admin orders, the courier worklist and GET /deliveries', () => {
  let t: TestApp;
  let w: DeliveryWorld;
  beforeAll(async () => {
    t = await createTestApp(TEST_ADMIN);
    w = await deliveryWorld(t);
  });
  afterAll(() => t.close());

  const get = (path: string, auth: { Authorization: string }, query: Record<string, string | number> = {}) =>
    request(t.app).get(`/api/v1${path}`).query(query).set(auth);

  describe('GET /admin/orders', () => {
    it('lists every order newest first, by status, buyer and seller, with paging', async () => {
      const first = await w.paidOrder();
      t.clock.advance(1000);
      const second = await w.paidOrder();
      t.clock.advance(1000);
      const otherSeller = await registerUser(t.app, { roles: ['seller'] });
      expect((await post(`/orders/${second.orderId}/cancel`, w.admin)).status).toBe(200);

      const byBuyer = await get('/admin/orders', w.admin, { buyerId: first.buyer.id });
      expect(byBuyer.status).toBe(200);
      expect(byBuyer.body.items).toEqual([
        expect.objectContaining({ id: first.orderId, buyerId: first.buyer.id, status: 'paid' }),
      ]);
      expect(ids(await get('/admin/orders', w.admin, { buyerId: second.buyer.id, status: 'cancelled' }))).toEqual([
        second.orderId,
      ]);
      expect(ids(await get('/admin/orders', w.admin, { buyerId: second.buyer.id, status: 'paid' }))).toEqual([]);
      expect(ids(await get('/admin/orders', w.admin, { sellerId: otherSeller.id }))).toEqual([]);

      const bySeller = await get('/admin/orders', w.admin, { sellerId: w.seller.id, limit: 1 });
      expect(ids(bySeller)).toEqual([second.orderId]);
      expect(
        ids(await get('/admin/orders', w.admin, { sellerId: w.seller.id, limit: 1, cursor: bySeller.body.nextCursor })),
      ).toEqual([first.orderId]);
    });

    it('is for admins only and names bad filters', async () => {
      expectProblem(await get('/admin/orders', w.seller.auth), 403);
      expectProblem(await request(t.app).get('/api/v1/admin/orders'), 401);
      expect(
        fieldPaths(expectProblem(await get('/admin/orders', w.admin, { status: 'placing', limit: 500 }), 400)).sort(),
      ).toEqual(['query.limit', 'query.status']);
      expect(
        fieldPaths(expectProblem(await get('/admin/orders', w.admin, { cursor: 'x' }), 400, 'INVALID_CURSOR')),
      ).toEqual(['query.cursor']);
    });
  });

  describe('the courier', () => {
    let courier: SignedIn;
    let deliveries: { deliveryId: string; orderId: string }[];
    beforeAll(async () => {
      courier = await w.courier();
      deliveries = [];
      for (let i = 0; i < 3; i += 1) {
        const pending = await w.pendingDelivery();
        expect(
          (await post(`/deliveries/${pending.deliveryId}/assign`, w.admin, { courierId: courier.id })).status,
        ).toBe(200);
        deliveries.push(pending);
        t.clock.advance(1000);
      }
      expect((await post(`/deliveries/${deliveries[0]!.deliveryId}/pickup`, courier.auth)).status).toBe(200);
    });

    it('GET /orders?role=courier: the orders of their deliveries, newest first; another courier sees none of them', async () => {
      const expected = deliveries.map((d) => d.orderId).reverse();
      await vi.waitFor(
        async () => expect(ids(await get('/orders', courier.auth, { role: 'courier' }))).toEqual(expected),
        WAIT,
      );
      const page = await get('/orders', courier.auth, { role: 'courier', limit: 2 });
      expect(ids(page)).toEqual(expected.slice(0, 2));
      expect(
        ids(await get('/orders', courier.auth, { role: 'courier', limit: 2, cursor: page.body.nextCursor })),
      ).toEqual(expected.slice(2));
      const other = await w.courier();
      expect((await get('/orders', other.auth, { role: 'courier' })).body).toEqual({ items: [], nextCursor: null });
      expect(fieldPaths(expectProblem(await get('/orders', courier.auth, { role: 'driver' }), 400))).toEqual([
        'query.role',
      ]);
    });

    it("a reassigned delivery leaves the first courier's orders for the new courier's", async () => {
      const moved = await w.pendingDelivery();
      const [before, after] = [await w.courier(), await w.courier()];
      expect((await post(`/deliveries/${moved.deliveryId}/assign`, w.admin, { courierId: before.id })).status).toBe(
        200,
      );
      await vi.waitFor(
        async () => expect(ids(await get('/orders', before.auth, { role: 'courier' }))).toEqual([moved.orderId]),
        WAIT,
      );
      expect((await post(`/deliveries/${moved.deliveryId}/assign`, w.admin, { courierId: after.id })).status).toBe(200);
      await vi.waitFor(
        async () => expect(ids(await get('/orders', after.auth, { role: 'courier' }))).toEqual([moved.orderId]),
        WAIT,
      );
      expect(ids(await get('/orders', before.auth, { role: 'courier' }))).toEqual([]);
      expect(ids(await get('/deliveries', before.auth))).toEqual([]);
    });

    it('GET /deliveries: their own deliveries without tracks, newest first, by status, with paging', async () => {
      const res = await get('/deliveries', courier.auth);
      expect(res.status).toBe(200);
      expect(ids(res)).toEqual(deliveries.map((d) => d.deliveryId).reverse());
      expect(res.body.items[0]).toMatchObject({
        courierId: courier.id,
        status: 'assigned',
        orderId: deliveries[2]!.orderId,
      });
      expect(res.body.items[0]).not.toHaveProperty('track');
      expect(ids(await get('/deliveries', courier.auth, { status: 'in_transit' }))).toEqual([
        deliveries[0]!.deliveryId,
      ]);
      const page = await get('/deliveries', courier.auth, { limit: 2 });
      expect(ids(page)).toHaveLength(2);
      expect(ids(await get('/deliveries', courier.auth, { limit: 2, cursor: page.body.nextCursor }))).toEqual([
        deliveries[0]!.deliveryId,
      ]);
    });

    it('GET /deliveries: an admin sees every delivery, also unassigned ones; buyers and sellers are refused', async () => {
      const unassigned = await w.pendingDelivery();
      const all = await get('/deliveries', w.admin, { limit: 100 });
      expect(ids(all)).toEqual(expect.arrayContaining([unassigned.deliveryId, ...deliveries.map((d) => d.deliveryId)]));
      expect(ids(await get('/deliveries', w.admin, { status: 'pending', limit: 1 }))).toEqual([unassigned.deliveryId]);
      expectProblem(await get('/deliveries', w.seller.auth), 403);
      expectProblem(await get('/deliveries', unassigned.buyer.auth), 403);
      expect(fieldPaths(expectProblem(await get('/deliveries', w.admin, { status: 'lost' }), 400))).toEqual([
        'query.status',
      ]);
    });
  });

  it('documents the admin reads and the worklists in /openapi.json', async () => {
    const doc = (await request(t.app).get('/openapi.json')).body;
    for (const path of ['/admin/users', '/admin/users/{id}', '/admin/audit', '/admin/orders', '/deliveries'])
      expect(doc.paths[path]?.get, path).toBeDefined();
    expect(doc.components.schemas).toHaveProperty('AdminUser');
    expect(doc.components.schemas).toHaveProperty('KycDocument');
    expect(doc.components.schemas).toHaveProperty('AuditEntry');
    expect(doc.components.schemas).toHaveProperty('DeliverySummary');
    const role = doc.paths['/orders'].get.parameters.find((p: { name: string }) => p.name === 'role');
    expect(role.schema.enum).toEqual(['buyer', 'seller', 'courier']);
    const audit = doc.paths['/admin/audit'].get.parameters.map((p: { name: string }) => p.name);
    expect(audit).toEqual(expect.arrayContaining(['actorId', 'targetId', 'limit', 'cursor']));
  });

  const post = (path: string, auth: { Authorization: string }, body: object = {}) =>
    request(t.app).post(`/api/v1${path}`).set(auth).send(body);
});
