import request from 'supertest';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { StockLedger } from '../../../src/application/cart/ports/stock-ledger.js';
import { PaymentGateway } from '../../../src/application/orders/ports/payment-gateway.js';
import type { TestPaymentGateway } from '../../../src/adapters/payment/test-payment-gateway.js';
import { deliveryWorld, type DeliveryWorld } from '../../support/delivery-helpers.js';
import { expectProblem, relogin, signInAdmin, TEST_ADMIN, type SignedIn } from '../../support/http-helpers.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

const wait = { timeout: 10_000, interval: 25 };

/**
 * (1.1) Payment answers, refunds on cancel, payment deadlines and the delivery of a cancelled order, over HTTP on
 * memory.
 */
export function refundsAndDeadlinesSuite(env: Record<string, string> = {}): void {
  let t: TestApp;
  let w: DeliveryWorld;

  const refunds = () => (t.container.get<PaymentGateway>(PaymentGateway) as TestPaymentGateway).refunds;
  const pendingOrder = () => w.pendingOrder();
  const pay = (buyer: SignedIn, orderId: string) =>
    request(t.app).post(`/api/v1/orders/${orderId}/pay`).set(buyer.auth).send({ paymentMethod: 'test_card' });
  const cancel = (who: { auth: Record<string, string> } | { Authorization: string }, orderId: string) =>
    request(t.app)
      .post(`/api/v1/orders/${orderId}/cancel`)
      .set('auth' in who ? who.auth : who);

  beforeAll(async () => {
    t = await createTestApp({ ...TEST_ADMIN, ORDER_SWEEP_INTERVAL_MS: '100', ...env });
    w = await deliveryWorld(t);
  }, 60_000);
  afterAll(() => t.close());

  it('an order shows its payBy; paying answers payment { id, amount, paidAt }; cancelling it answers the refund of its total', async () => {
    const { orderId, buyer, body } = await pendingOrder();
    expect(new Date(body.payBy as string).getTime() - new Date(body.createdAt as string).getTime()).toBe(1800 * 1000);
    const paid = await pay(buyer, orderId);
    expect(paid.status).toBe(200);
    expect(paid.body.payment).toEqual({
      id: expect.any(String),
      amount: paid.body.total,
      paidAt: t.clock.now().toISOString(),
    });
    const before = refunds();
    const cancelled = await cancel(buyer, orderId);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancelReason: 'buyer',
      refund: { id: expect.any(String), amount: paid.body.total, refundedAt: t.clock.now().toISOString() },
    });
    expect(refunds()).toBe(before + 1);
    expect((await request(t.app).get(`/api/v1/orders/${orderId}`).set(buyer.auth)).body).toMatchObject({
      refund: cancelled.body.refund,
      payment: paid.body.payment,
    });
    expectProblem(await cancel(buyer, orderId), 409, 'ORDER_INVALID_TRANSITION');
    expect(refunds()).toBe(before + 1);
  });

  it('10 cancels of a paid order at once: one 200 with the refund, the others 409 ORDER_INVALID_TRANSITION; refunded once', async () => {
    const { orderId, buyer, listingId } = await pendingOrder();
    expect((await pay(buyer, orderId)).status).toBe(200);
    const before = refunds();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => cancel(i % 2 === 0 ? buyer : w.admin, orderId)),
    );
    const ok = answers.filter((res) => res.status === 200);
    expect(ok).toHaveLength(1);
    for (const res of answers.filter((r) => r.status !== 200))
      expect(expectProblem(res, 409, 'ORDER_INVALID_TRANSITION')).toMatchObject({ orderStatus: 'cancelled' });
    expect(refunds()).toBe(before + 1);
    expect((await request(t.app).get(`/api/v1/orders/${orderId}`).set(buyer.auth)).body.refund).toEqual(
      ok[0]!.body.refund,
    );
    await vi.waitFor(
      async () =>
        expect(await t.container.get<StockLedger>(StockLedger).level(listingId)).toMatchObject({
          onHand: 1,
          available: 1,
        }),
      wait,
    );
  });

  it('unpaid past payBy: paying is 409 ORDER_PAYMENT_EXPIRED, the server cancels it (payment_timeout) and the stock is back', async () => {
    const { orderId, buyer, listingId } = await pendingOrder();
    t.clock.advance(1800 * 1000);
    // Everyone signs in again (access tokens live 15 minutes of the test clock).
    await relogin(t.app, buyer, w.seller);
    w.admin.Authorization = (await signInAdmin(t.app)).Authorization;
    // Refused as past payBy, or as cancelled when the server's sweeper was first.
    const refused = expectProblem(await pay(buyer, orderId), 409);
    expect(['ORDER_PAYMENT_EXPIRED', 'ORDER_INVALID_TRANSITION']).toContain(refused.code);
    await vi.waitFor(async () => {
      const order = await request(t.app).get(`/api/v1/orders/${orderId}`).set(buyer.auth);
      expect(order.body).toMatchObject({ status: 'cancelled', cancelReason: 'payment_timeout' });
    }, wait);
    await vi.waitFor(
      async () =>
        expect(await t.container.get<StockLedger>(StockLedger).level(listingId)).toMatchObject({
          onHand: 1,
          available: 1,
        }),
      wait,
    );
  });

  it("a cancelled order's delivery becomes cancelled: its courier can no longer pick it up, track or complete it", async () => {
    const { deliveryId, orderId, buyer, courier } = await w.assignedDelivery();
    expect((await cancel(buyer, orderId)).status).toBe(200);
    await vi.waitFor(
      async () =>
        expect((await request(t.app).get(`/api/v1/deliveries/${deliveryId}`).set(courier.auth)).body).toMatchObject({
          status: 'cancelled',
        }),
      wait,
    );
    expectProblem(
      await request(t.app).post(`/api/v1/deliveries/${deliveryId}/pickup`).set(courier.auth),
      409,
      'DELIVERY_ORDER_CANCELLED',
    );
    expectProblem(
      await request(t.app).post(`/api/v1/deliveries/${deliveryId}/complete`).set(courier.auth),
      409,
      'DELIVERY_ORDER_CANCELLED',
    );
    expectProblem(
      await request(t.app)
        .post(`/api/v1/deliveries/${deliveryId}/location`)
        .set(courier.auth)
        .send({ lat: 48.85, lng: 2.35 }),
      409,
      'DELIVERY_ORDER_CANCELLED',
    );
    await vi.waitFor(async () => {
      const notes = (await request(t.app).get('/api/v1/notifications').set(courier.auth)).body.items as {
        type: string;
      }[];
      expect(notes.map((n) => n.type)).toContain('delivery.cancelled');
    }, wait);
  });

  it('the OpenAPI document shows payBy, payment, cancelReason and refund on Order', async () => {
    const doc = (await request(t.app).get('/openapi.json')).body as {
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    expect(Object.keys(doc.components.schemas.Order!.properties)).toEqual(
      expect.arrayContaining(['payBy', 'payment', 'cancelReason', 'refund', 'secondChanceOf']),
    );
    expect(Object.keys(doc.components.schemas.OrderRefund!.properties)).toEqual(['id', 'amount', 'refundedAt']);
  });
}
