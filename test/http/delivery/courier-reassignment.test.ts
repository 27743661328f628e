import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deliveryWorld, type DeliveryWorld } from '../../support/delivery-helpers.js';
import { expectProblem, TEST_ADMIN } from '../../support/http-helpers.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

const WAIT = { timeout: 5000, interval: 20 };

/** (1.1) When an admin assigns another courier, the previous one loses access at once over HTTP. */
describe('HTTP deliveries: a replaced courier', () => {
  let t: TestApp;
  let w: DeliveryWorld;

  beforeAll(async () => {
    t = await createTestApp(TEST_ADMIN);
    w = await deliveryWorld(t);
  });
  afterAll(() => t.close());

  it('is refused the delivery (404 like any stranger) as soon as the assignment answers, and then its order; the new courier takes over', async () => {
    const { deliveryId, orderId, courier } = await w.assignedDelivery();
    const api = () => request(t.app);
    const post = (path: string, who: { Authorization: string }, body: object = {}) =>
      api().post(`/api/v1/deliveries/${deliveryId}${path}`).set(who).send(body);
    expect((await api().get(`/api/v1/deliveries/${deliveryId}`).set(courier.auth)).status).toBe(200);
    await vi.waitFor(
      async () => expect((await api().get(`/api/v1/orders/${orderId}`).set(courier.auth)).status).toBe(200),
      WAIT,
    );
    expect((await post('/location', courier.auth, { lat: 48.85, lng: 2.35 })).status).toBe(202);

    const replacement = await w.courier();
    const assigned = await post('/assign', w.admin, { courierId: replacement.id });
    expect(assigned.body).toMatchObject({ status: 'assigned', courierId: replacement.id });

    expectProblem(await api().get(`/api/v1/deliveries/${deliveryId}`).set(courier.auth), 404, 'DELIVERY_NOT_FOUND');
    expectProblem(await post('/location', courier.auth, { lat: 48.86, lng: 2.35 }), 404, 'DELIVERY_NOT_FOUND');
    for (const action of ['/pickup', '/complete'])
      expectProblem(await post(action, courier.auth), 404, 'DELIVERY_NOT_FOUND');
    // The order follows delivery.assigned: its courier is the new one.
    await vi.waitFor(
      async () => expect((await api().get(`/api/v1/orders/${orderId}`).set(courier.auth)).status).toBe(404),
      WAIT,
    );
    expect((await api().get(`/api/v1/orders/${orderId}`).set(replacement.auth)).status).toBe(200);

    expect((await api().get(`/api/v1/deliveries/${deliveryId}`).set(replacement.auth)).status).toBe(200);
    expect((await post('/pickup', replacement.auth)).status).toBe(200);
    expect((await post('/location', replacement.auth, { lat: 48.9, lng: 2.35 })).status).toBe(202);
    expect((await post('/complete', replacement.auth)).status).toBe(200);
  });
});
