import { afterEach, describe, expect, it } from 'vitest';
import { ExpireUnpaidOrders } from '../../../src/application/orders/expire-unpaid-orders/expire-unpaid-orders.js';
import { IdempotentRequests } from '../../../src/application/orders/idempotent-requests.js';
import { OrderCancellation } from '../../../src/application/orders/order-cancellation.js';
import { OrderEvents } from '../../../src/application/orders/order-events.js';
import { PayOrder } from '../../../src/application/orders/pay-order/pay-order.js';
import { OrderRepository } from '../../../src/application/orders/ports/order-repository.js';
import { PaymentGateway } from '../../../src/application/orders/ports/payment-gateway.js';
import type { EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import type { TestPaymentGateway } from '../../../src/adapters/payment/test-payment-gateway.js';
import type { Order } from '../../../src/domain/orders/order.js';
import { address, buyer, commerceWorld, IN_CART, type CommerceWorld } from '../commerce/commerce-world.js';

// The app's own sweeper stays out of the way: these tests run the sweepers themselves.
const env = { ORDER_SWEEP_INTERVAL_MS: '600000' };
const TTL_MS = 1800 * 1000;
const NONE = IN_CART.map(() => 0);

const cancelledOf = (events: EventEnvelope[], orderId: string) =>
  events.filter((e) => e.topic === 'order.cancelled' && (e.payload as { orderId: string }).orderId === orderId);

describe('payment deadline (memory, controlled clock)', () => {
  let w: CommerceWorld;
  afterEach(() => w?.close());

  const placeOrder = async (): Promise<Order> => {
    const order = await w
      .useCases()
      .createOrder.execute({ buyerId: buyer.userId, idempotencyKey: 'deadline-key-1', shippingAddress: address });
    await w.f.settle();
    return order;
  };
  const sweeper = () => {
    const c = w.f.container;
    return new ExpireUnpaidOrders(c.get<OrderRepository>(OrderRepository), c.get(OrderCancellation), w.f.clock);
  };
  const stored = async (id: string) => (await w.f.container.get<OrderRepository>(OrderRepository).findById(id))!;

  it('a placed order must be paid by createdAt + ORDER_PAYMENT_TTL_SECONDS; past it, two racing sweepers cancel it exactly once', async () => {
    w = await commerceWorld(env);
    const order = await placeOrder();
    expect(order.payBy).toEqual(new Date(order.createdAt.getTime() + TTL_MS));
    const [a, b] = [sweeper(), sweeper()];
    w.f.clock.advance(TTL_MS - 1);
    expect(await a.execute()).toEqual([]);
    w.f.clock.advance(1);
    const cancelledBy = (await Promise.all([a.execute(), b.execute(), a.execute(), b.execute()])).flat();
    expect(cancelledBy).toEqual([order.id]);
    expect(await stored(order.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'payment_timeout',
      cancelledAt: w.f.clock.now(),
    });
    await w.expectConsistent('after the timeout', NONE); // the units are back in stock, the listing's quantity too
    const cancelled = cancelledOf(w.f.published, order.id);
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]!.payload).toMatchObject({
      cancelledBy: 'system',
      cancelReason: 'payment_timeout',
      items: order.items.map(({ listingId, quantity }) => ({ listingId, quantity })),
    });
    const notified = w.f.published
      .filter((e) => e.topic === 'notification.send')
      .map((e) => e.payload as { userId: string; type: string });
    expect(notified).toContainEqual(expect.objectContaining({ userId: buyer.userId, type: 'order.payment_timeout' }));
    expect(notified).toContainEqual(expect.objectContaining({ userId: 'seller', type: 'order.cancelled' }));
    expect(await a.execute()).toEqual([]);
  });

  it('paying at or after payBy is refused (409 ORDER_PAYMENT_EXPIRED) before any charge, even before the sweeper ran', async () => {
    w = await commerceWorld(env);
    const order = await placeOrder();
    w.f.clock.advance(TTL_MS);
    await expect(
      w.useCases().payOrder.execute(buyer, { orderId: order.id, paymentMethod: 'test_card' }),
    ).rejects.toMatchObject({ code: 'ORDER_PAYMENT_EXPIRED' });
    await w.expectConsistent(
      'no charge',
      IN_CART.map(() => 0),
    );
    expect(await stored(order.id)).toMatchObject({ status: 'pending_payment' });
    await sweeper().execute();
    await expect(
      w.useCases().payOrder.execute(buyer, { orderId: order.id, paymentMethod: 'test_card' }),
    ).rejects.toMatchObject({ code: 'ORDER_INVALID_TRANSITION' });
  });

  it('a payment charged just before payBy whose save loses to the sweeper is refunded at once, and answered 409', async () => {
    w = await commerceWorld(env);
    const order = await placeOrder();
    const c = w.f.container;
    const gateway = c.get<PaymentGateway>(PaymentGateway) as TestPaymentGateway;
    const sweep = sweeper();
    // The charge takes so long that the deadline passes and the sweeper cancels the order meanwhile.
    const slow: PaymentGateway = {
      charge: async (request) => {
        w.f.clock.advance(TTL_MS);
        expect(await sweep.execute()).toEqual([order.id]);
        return gateway.charge(request);
      },
      refund: (request) => gateway.refund(request),
    };
    const pay = new PayOrder(
      c.get<OrderRepository>(OrderRepository),
      slow,
      c.get(OrderEvents),
      c.get(IdempotentRequests),
      w.f.clock,
    );
    await expect(pay.execute(buyer, { orderId: order.id, paymentMethod: 'test_card' })).rejects.toMatchObject({
      code: 'ORDER_INVALID_TRANSITION',
    });
    expect(gateway.refunds).toBe(1);
    expect(await stored(order.id)).toMatchObject({ status: 'cancelled', cancelReason: 'payment_timeout' });
  });

  it('a charge whose payment died before its save, retried too late: refused, and the timeout cancel gives the charge back', async () => {
    w = await commerceWorld(env);
    const order = await placeOrder();
    const gateway = w.f.container.get<PaymentGateway>(PaymentGateway) as TestPaymentGateway;
    // then the process died
    await gateway.charge({ orderId: order.id, amount: order.total, paymentMethod: 'test_card' });
    w.f.clock.advance(TTL_MS);
    await expect(
      w.useCases().payOrder.execute(buyer, { orderId: order.id, paymentMethod: 'test_card' }),
    ).rejects.toMatchObject({ code: 'ORDER_PAYMENT_EXPIRED' });
    expect(await sweeper().execute()).toEqual([order.id]);
    expect(gateway.refunds).toBe(1);
    expect((await stored(order.id)).refund).toBeUndefined(); // never paid: the order shows no refund
  });

  it('a paid order is not touched by the sweeper', async () => {
    w = await commerceWorld(env);
    const order = await placeOrder();
    await w.useCases().payOrder.execute(buyer, { orderId: order.id, paymentMethod: 'test_card' });
    w.f.clock.advance(TTL_MS * 2);
    expect(await sweeper().execute()).toEqual([]);
    expect(await stored(order.id)).toMatchObject({
      status: 'paid',
      payment: { amount: order.total, paidAt: expect.any(Date) },
    });
  });
});

describe('cancelling a paid order (memory)', () => {
  let w: CommerceWorld;
  afterEach(() => w?.close());

  it('20 cancels at once: one cancels with the refund of the whole total, the others 409 ORDER_INVALID_TRANSITION; one refund, one order.cancelled', async () => {
    w = await commerceWorld(env);
    const uc = w.useCases();
    const order = await uc.createOrder.execute({
      buyerId: buyer.userId,
      idempotencyKey: 'race-key-01',
      shippingAddress: address,
    });
    const paid = await uc.payOrder.execute(buyer, { orderId: order.id, paymentMethod: 'test_card' });
    expect(paid.payment).toEqual({ id: expect.any(String), amount: order.total, paidAt: w.f.clock.now() });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => uc.cancelOrder.execute(buyer, order.id)));
    const won = results.filter((r): r is PromiseFulfilledResult<Order> => r.status === 'fulfilled').map((r) => r.value);
    const lost = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => r.reason as { code?: string; orderStatus?: string });
    expect(won).toHaveLength(1);
    expect(won[0]).toMatchObject({
      status: 'cancelled',
      cancelReason: 'buyer',
      refund: { id: expect.any(String), amount: order.total, refundedAt: w.f.clock.now() },
    });
    expect(lost.map((e) => e.code)).toEqual(Array(19).fill('ORDER_INVALID_TRANSITION'));
    expect((w.f.container.get<PaymentGateway>(PaymentGateway) as TestPaymentGateway).refunds).toBe(1);
    await w.expectConsistent('after the racing cancels', NONE);
    expect(cancelledOf(w.f.published, order.id)).toHaveLength(1);
    expect(cancelledOf(w.f.published, order.id)[0]!.payload).toMatchObject({
      cancelReason: 'buyer',
      refund: { id: won[0]!.refund!.id, amount: order.total },
    });
  });

  it('an admin cancel is recorded with reason admin', async () => {
    w = await commerceWorld(env);
    const uc = w.useCases();
    const order = await uc.createOrder.execute({
      buyerId: buyer.userId,
      idempotencyKey: 'admin-key-01',
      shippingAddress: address,
    });
    const cancelled = await uc.cancelOrder.execute({ userId: 'admin-1', roles: ['admin'] }, order.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'admin' });
    expect(cancelled.refund).toBeUndefined();
  });
});
