import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import { deliveryWorld, type DeliveryWorld } from '../../support/delivery-helpers.js';
import { expectProblem, fieldPaths, registerUser, TEST_ADMIN, type SignedIn } from '../../support/http-helpers.js';
import { recordEvents } from '../../support/recorded-events.js';
import { settleOutbox } from '../../support/outbox-helpers.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

const WAIT = { timeout: 5000, interval: 20 };

describe('HTTP deliveries', () => {
  let t: TestApp;
  let w: DeliveryWorld;
  let events: EventEnvelope[];

  const api = () => request(t.app);
  const post = (path: string, who: { Authorization: string }, body: object = {}) =>
    api().post(`/api/v1/deliveries${path}`).set(who).send(body);
  const get = (deliveryId: string, who: { Authorization: string }) =>
    api().get(`/api/v1/deliveries/${deliveryId}`).set(who);
  const orderOf = async (orderId: string, buyer: SignedIn) =>
    (await api().get(`/api/v1/orders/${orderId}`).set(buyer.auth)).body;
  /** Topics of the events about a delivery, notifications included (they name it in `data`). */
  const topicsOf = (deliveryId: string) =>
    events
      .filter((e) => {
        const payload = e.payload as { deliveryId?: string; data?: { deliveryId?: string } };
        return payload.deliveryId === deliveryId || payload.data?.deliveryId === deliveryId;
      })
      .map((e) => e.topic);

  beforeAll(async () => {
    t = await createTestApp(TEST_ADMIN);
    w = await deliveryWorld(t);
    events = recordEvents(t.container);
  });
  afterAll(() => t.close());

  it('the whole journey: create (pending) -> assign -> pickup (order shipped) -> location -> complete (order delivered)', async () => {
    const { orderId, buyer } = await w.paidOrder();
    const created = await post('', w.seller.auth, { orderId });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      orderId,
      status: 'pending',
      courierId: null,
      lastLocation: null,
      track: [],
    });
    const deliveryId = created.body.id as string;

    const courier = await w.courier();
    const assigned = await post(`/${deliveryId}/assign`, w.admin, { courierId: courier.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', courierId: courier.id, assignedAt: expect.any(String) });

    const picked = await post(`/${deliveryId}/pickup`, courier.auth);
    expect(picked.status).toBe(200);
    expect(picked.body.status).toBe('in_transit');
    await vi.waitFor(
      async () => expect(await orderOf(orderId, buyer)).toMatchObject({ status: 'shipped', deliveryId }),
      WAIT,
    );

    const recordedAt = new Date(t.clock.now().getTime() - 5_000).toISOString();
    const located = await post(`/${deliveryId}/location`, courier.auth, {
      lat: 48.8566,
      lng: 2.3522,
      accuracy: 8,
      recordedAt,
    });
    expect(located.status).toBe(202);
    expect(located.body).toEqual({ kept: true });
    const dropped = await post(`/${deliveryId}/location`, courier.auth, { lat: 48.8566, lng: 2.3523 });
    expect(dropped.status).toBe(202);
    expect(dropped.body).toEqual({ kept: false, reason: 'too_close' });

    const completed = await post(`/${deliveryId}/complete`, courier.auth);
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'delivered', deliveredAt: expect.any(String) });
    await vi.waitFor(
      async () => expect(await orderOf(orderId, buyer)).toMatchObject({ status: 'delivered', deliveryId }),
      WAIT,
    );

    const shown = await get(deliveryId, buyer.auth);
    expect(shown.status).toBe(200);
    const point = { lat: 48.8566, lng: 2.3522, accuracy: 8, recordedAt };
    expect(shown.body).toMatchObject({
      id: deliveryId,
      orderId,
      courierId: courier.id,
      status: 'delivered',
      lastLocation: point,
      track: [point],
    });
    await vi.waitFor(
      () =>
        expect(topicsOf(deliveryId)).toEqual([
          'delivery.assigned',
          'notification.send',
          'notification.send',
          'delivery.picked_up',
          'delivery.location.updated',
          'delivery.completed',
          'notification.send',
          'notification.send',
          'order.delivered',
        ]),
      WAIT,
    );
  });

  it('POST /deliveries: 404 for an unknown or invisible order, 403 for its buyer, 409 unpaid or twice, 400 without orderId, 401 signed out', async () => {
    const { orderId, buyer } = await w.paidOrder();
    const otherSeller = await registerUser(t.app, { roles: ['seller'] });
    expectProblem(await post('', otherSeller.auth, { orderId }), 404, 'DELIVERY_ORDER_NOT_FOUND');
    expectProblem(await post('', w.admin, { orderId: 'no-such-order' }), 404, 'DELIVERY_ORDER_NOT_FOUND');
    expectProblem(await post('', buyer.auth, { orderId }), 403);
    expect(fieldPaths(expectProblem(await post('', w.seller.auth, {}), 400, 'VALIDATION_FAILED'))).toEqual([
      'body.orderId',
    ]);
    expectProblem(await api().post('/api/v1/deliveries').send({ orderId }), 401);
    expect((await post('', w.admin, { orderId })).status).toBe(201);
    expectProblem(await post('', w.seller.auth, { orderId }), 409, 'DELIVERY_ALREADY_EXISTS');

    const listingId = await w.listing(1);
    const unpaidBuyer = await registerUser(t.app);
    await api().post('/api/v1/cart/items').set(unpaidBuyer.auth).send({ listingId, quantity: 1 });
    const unpaid = await api()
      .post('/api/v1/orders')
      .set(unpaidBuyer.auth)
      .set('Idempotency-Key', 'unpaid-delivery-order')
      .send({ shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: '1', country: 'FR' } });
    expectProblem(await post('', w.seller.auth, { orderId: unpaid.body.id }), 409, 'DELIVERY_ORDER_NOT_PAID');
  });

  it('racing POST /deliveries for one order: exactly one 201, the others 409', async () => {
    const { orderId } = await w.paidOrder();
    const answers = await Promise.all(Array.from({ length: 5 }, () => post('', w.seller.auth, { orderId })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
  });

  it('assign: admin only (403), courierId must be a courier (400 naming body.courierId), 404 unknown, reassign until pickup then 409', async () => {
    const { deliveryId } = await w.pendingDelivery();
    const courier = await w.courier();
    const notCourier = await registerUser(t.app);
    expectProblem(await post(`/${deliveryId}/assign`, w.seller.auth, { courierId: courier.id }), 403);
    expect(
      fieldPaths(
        expectProblem(
          await post(`/${deliveryId}/assign`, w.admin, { courierId: notCourier.id }),
          400,
          'DELIVERY_NOT_A_COURIER',
        ),
      ),
    ).toEqual(['body.courierId']);
    expect(
      fieldPaths(expectProblem(await post(`/${deliveryId}/assign`, w.admin, {}), 400, 'VALIDATION_FAILED')),
    ).toEqual(['body.courierId']);
    expectProblem(
      await post('/no-such-delivery/assign', w.admin, { courierId: courier.id }),
      404,
      'DELIVERY_NOT_FOUND',
    );
    expect((await post(`/${deliveryId}/assign`, w.admin, { courierId: courier.id })).status).toBe(200);
    const second = await w.courier();
    expect((await post(`/${deliveryId}/assign`, w.admin, { courierId: second.id })).body.courierId).toBe(second.id);
    // no longer its courier
    expectProblem(await post(`/${deliveryId}/pickup`, courier.auth), 404, 'DELIVERY_NOT_FOUND');
    expect((await post(`/${deliveryId}/pickup`, second.auth)).status).toBe(200);
    expectProblem(
      await post(`/${deliveryId}/assign`, w.admin, { courierId: courier.id }),
      409,
      'DELIVERY_INVALID_TRANSITION',
    );
  });

  it('pickup, location and complete: its courier only (403 for a party, 404 for a stranger), in the right state (409)', async () => {
    const { deliveryId, buyer, courier } = await w.assignedDelivery();
    const stranger = await w.courier();
    for (const action of ['pickup', 'complete']) {
      expectProblem(await post(`/${deliveryId}/${action}`, buyer.auth), 403, 'DELIVERY_NOT_COURIER');
      expectProblem(await post(`/${deliveryId}/${action}`, stranger.auth), 404, 'DELIVERY_NOT_FOUND');
    }
    expectProblem(
      await post(`/${deliveryId}/location`, w.seller.auth, { lat: 1, lng: 1 }),
      403,
      'DELIVERY_NOT_COURIER',
    );
    expectProblem(await post(`/${deliveryId}/location`, stranger.auth, { lat: 1, lng: 1 }), 404, 'DELIVERY_NOT_FOUND');
    expectProblem(await post(`/${deliveryId}/complete`, courier.auth), 409, 'DELIVERY_INVALID_TRANSITION');
    expect((await post(`/${deliveryId}/pickup`, courier.auth)).status).toBe(200);
    expectProblem(await post(`/${deliveryId}/pickup`, courier.auth), 409, 'DELIVERY_INVALID_TRANSITION');
    expect((await post(`/${deliveryId}/complete`, courier.auth)).status).toBe(200);
    expectProblem(
      await post(`/${deliveryId}/location`, courier.auth, { lat: 1, lng: 1 }),
      409,
      'DELIVERY_INVALID_TRANSITION',
    );
    expectProblem(await post('/no-such-delivery/pickup', courier.auth), 404, 'DELIVERY_NOT_FOUND');
  });

  it('location: 400 naming bad fields; points out of range, stale or too fast are 202 dropped with the reason and not published', async () => {
    const { deliveryId, courier } = await w.assignedDelivery();
    const bad = expectProblem(
      await post(`/${deliveryId}/location`, courier.auth, {
        lat: 'north',
        accuracy: -1,
        recordedAt: 'yesterday',
        extra: 1,
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(fieldPaths(bad)).toEqual(
      expect.arrayContaining(['body.lat', 'body.lng', 'body.accuracy', 'body.recordedAt']),
    );
    const at = (seconds: number) => new Date(t.clock.now().getTime() - 600_000 + seconds * 1000).toISOString();
    const report = async (body: object) => (await post(`/${deliveryId}/location`, courier.auth, body)).body;
    expect(await report({ lat: 91, lng: 0 })).toEqual({ kept: false, reason: 'invalid_coordinates' });
    expect(await report({ lat: 48.85, lng: 2.35, recordedAt: at(0) })).toEqual({ kept: true });
    expect(await report({ lat: 48.86, lng: 2.35, recordedAt: at(0) })).toEqual({ kept: false, reason: 'not_newer' });
    expect(await report({ lat: 48.851, lng: 2.35, recordedAt: at(1) })).toEqual({ kept: false, reason: 'too_soon' });
    expect(await report({ lat: 49.85, lng: 2.35, recordedAt: at(60) })).toEqual({ kept: false, reason: 'too_fast' });
    expect(await report({ lat: 48.851, lng: 2.35, recordedAt: at(10) })).toEqual({ kept: true });
    expect((await get(deliveryId, courier.auth)).body.track).toHaveLength(2);
    await settleOutbox(t.container);
    expect(
      events.filter(
        (e) =>
          e.topic === 'delivery.location.updated' && (e.payload as { deliveryId: string }).deliveryId === deliveryId,
      ),
    ).toHaveLength(2);
  });

  it('GET /deliveries/:id: its buyer, seller, courier and admin; 404 for anyone else; its courier sees the order; the buyer cannot cancel a picked-up order, and pickup of a cancelled one is 409', async () => {
    const { deliveryId, orderId, buyer, courier } = await w.assignedDelivery();
    for (const who of [buyer.auth, w.seller.auth, courier.auth, w.admin])
      expect((await get(deliveryId, who)).status).toBe(200);
    const stranger = await registerUser(t.app);
    expectProblem(await get(deliveryId, stranger.auth), 404, 'DELIVERY_NOT_FOUND');
    expectProblem(await get('no-such-delivery', w.admin), 404, 'DELIVERY_NOT_FOUND');
    expectProblem(await api().get(`/api/v1/deliveries/${deliveryId}`), 401);
    // Its courier may see the order too (api.md), once the orders module has heard of the assignment.
    await vi.waitFor(
      async () => expect((await api().get(`/api/v1/orders/${orderId}`).set(courier.auth)).status).toBe(200),
      { timeout: 5000, interval: 20 },
    );
    expectProblem(await api().get(`/api/v1/orders/${orderId}`).set(stranger.auth), 404);

    expect((await api().post(`/api/v1/orders/${orderId}/cancel`).set(buyer.auth)).status).toBe(200);
    expectProblem(await post(`/${deliveryId}/pickup`, courier.auth), 409, 'DELIVERY_ORDER_CANCELLED');
  });

  it('documents every delivery route in /openapi.json', async () => {
    const paths = Object.keys((await api().get('/openapi.json')).body.paths as object).filter((p) =>
      p.startsWith('/deliveries'),
    );
    expect(paths.sort()).toEqual([
      '/deliveries',
      '/deliveries/{id}',
      '/deliveries/{id}/assign',
      '/deliveries/{id}/complete',
      '/deliveries/{id}/location',
      '/deliveries/{id}/pickup',
    ]);
  });
});
