import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { StockLedger } from '../../../src/application/cart/ports/stock-ledger.js';
import { ListingRepository } from '../../../src/application/catalog/ports/listing-repository.js';
import { OrderRepository } from '../../../src/application/orders/ports/order-repository.js';
import { PaymentGateway } from '../../../src/application/orders/ports/payment-gateway.js';
import { createOrder } from '../../../src/domain/orders/order.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import {
  expectProblem,
  registerUser,
  signInAdmin,
  TEST_ADMIN,
  verifiedSeller,
  type SignedIn,
} from '../../support/http-helpers.js';
import { recordEvents } from '../../support/recorded-events.js';
import { listingBody, publishedListing, seedBikeCategories } from '../../support/catalog-helpers.js';

const address = { name: 'Ada Lovelace', line1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' };

describe('HTTP orders', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  let seller: SignedIn;
  let categoryId: string;
  let keyCounter = 0;

  const ledger = () => t.container.get<StockLedger>(StockLedger);
  const listingWithStock = async (quantity: number) => {
    const listing = await publishedListing(
      t.app,
      seller.auth,
      listingBody(categoryId, { quantity, price: { amount: 1_250, currency: 'EUR' } }),
    );
    await vi.waitFor(async () => expect((await ledger().level(listing.id))?.available).toBe(quantity), {
      timeout: 5000,
      interval: 20,
    });
    return listing.id;
  };
  const order = (who: SignedIn, key = `order-key-${++keyCounter}`, body: object = { shippingAddress: address }) =>
    request(t.app).post('/api/v1/orders').set(who.auth).set('Idempotency-Key', key).send(body);
  /** Stock on hand agrees: MongoDB (the listing's quantity) = the ledger's onHand = available + reserved. */
  const expectConsistent = async (listingId: string) => {
    await vi.waitFor(
      async () => {
        const level = await ledger().level(listingId);
        const listing = await t.container.get<ListingRepository>(ListingRepository).findById(listingId);
        expect(level && level.available + level.reserved).toBe(level?.onHand);
        expect(listing?.quantity).toBe(level?.onHand);
      },
      { timeout: 5000, interval: 20 },
    );
  };
  const buyerWithCart = async (listingId: string, quantity = 1) => {
    const buyer = await registerUser(t.app);
    expect((await request(t.app).post('/api/v1/cart/items').set(buyer.auth).send({ listingId, quantity })).status).toBe(
      201,
    );
    return buyer;
  };

  beforeAll(async () => {
    t = await createTestApp(TEST_ADMIN);
    admin = await signInAdmin(t.app);
    seller = await verifiedSeller(t.app, admin);
    categoryId = (await seedBikeCategories(t.app, admin)).bikes;
  });
  afterAll(() => t.close());

  it('turns the cart into an order: snapshot of the items, stock decremented, cart emptied', async () => {
    const listingId = await listingWithStock(5);
    const buyer = await buyerWithCart(listingId, 2);
    const res = await order(buyer);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      buyerId: buyer.id,
      status: 'pending_payment',
      items: [
        {
          listingId,
          sellerId: seller.id,
          title: 'Vélo de route',
          unitPrice: { amount: 1_250, currency: 'EUR' },
          quantity: 2,
        },
      ],
      total: { amount: 2_500, currency: 'EUR' },
      shippingAddress: address,
    });
    expect((await request(t.app).get('/api/v1/cart').set(buyer.auth)).body.items).toEqual([]);
    expect(await ledger().level(listingId)).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
    await expectConsistent(listingId);
    const mine = await request(t.app).get('/api/v1/orders').set(buyer.auth);
    expect(mine.body.items.map((o: { id: string }) => o.id)).toEqual([res.body.id]);
    const sold = await request(t.app).get('/api/v1/orders?role=seller&limit=100').set(seller.auth);
    expect(sold.body.items.map((o: { id: string }) => o.id)).toContain(res.body.id);
  });

  it('answers the same order to the same key sent twice at once, and 409 to the key with another body', async () => {
    const listingId = await listingWithStock(5);
    const buyer = await buyerWithCart(listingId, 1);
    const [a, b] = await Promise.all([order(buyer, 'twin-key-000001'), order(buyer, 'twin-key-000001')]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect((await request(t.app).get('/api/v1/orders').set(buyer.auth)).body.items).toHaveLength(1);
    expectProblem(
      await order(buyer, 'twin-key-000001', { shippingAddress: { ...address, city: 'Lyon' } }),
      409,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect((await order(buyer, 'twin-key-000001')).body.id).toBe(a.body.id);
  });

  it('needs an Idempotency-Key and a non-empty cart', async () => {
    const buyer = await registerUser(t.app);
    const missing = await request(t.app).post('/api/v1/orders').set(buyer.auth).send({ shippingAddress: address });
    expect((expectProblem(missing, 400).errors as { path: string }[]).map((e) => e.path)).toEqual([
      'headers.idempotency-key',
    ]);
    expectProblem(await order(buyer), 409, 'CART_EMPTY');
  });

  it('refuses an order when a reservation expired (409), and keeps the stock', async () => {
    const listingId = await listingWithStock(2);
    const buyer = await buyerWithCart(listingId, 1);
    t.clock.advance(16 * 60_000);
    try {
      const login = await request(t.app)
        .post('/api/v1/auth/login')
        .send({ email: buyer.email, password: 'a long password' });
      const res = await request(t.app)
        .post('/api/v1/orders')
        .set('Authorization', `Bearer ${login.body.accessToken}`)
        .set('Idempotency-Key', 'expired-key-01')
        .send({ shippingAddress: address });
      expect(res.status).toBe(409);
      expect(['RESERVATION_EXPIRED', 'CART_EMPTY']).toContain(res.body.code);
      await vi.waitFor(async () => expect((await ledger().level(listingId))?.available).toBe(2), {
        timeout: 5000,
        interval: 50,
      });
    } finally {
      t.clock.advance(-16 * 60_000);
    }
    await expectConsistent(listingId);
  });

  it('pays with test_card; a declined card (402) leaves it pending_payment', async () => {
    const listingId = await listingWithStock(3);
    const buyer = await buyerWithCart(listingId);
    const created = await order(buyer);
    expectProblem(
      await request(t.app)
        .post(`/api/v1/orders/${created.body.id}/pay`)
        .set(buyer.auth)
        .send({ paymentMethod: 'test_card_declined' }),
      402,
      'PAYMENT_DECLINED',
    );
    expect((await request(t.app).get(`/api/v1/orders/${created.body.id}`).set(buyer.auth)).body.status).toBe(
      'pending_payment',
    );
    const paid = await request(t.app)
      .post(`/api/v1/orders/${created.body.id}/pay`)
      .set(buyer.auth)
      .send({ paymentMethod: 'test_card' });
    expect(paid.body).toMatchObject({ status: 'paid', paidAt: expect.any(String) });
  });

  it('10 racing payments of one order: one 200, the others 409, one charge and one order.paid', async () => {
    const listingId = await listingWithStock(3);
    const buyer = await buyerWithCart(listingId);
    const orderId = (await order(buyer)).body.id as string;
    const gateway = t.container.get<PaymentGateway>(PaymentGateway);
    const charge = gateway.charge.bind(gateway);
    const paymentIds = new Set<string>();
    gateway.charge = async (request) => {
      const result = await charge(request);
      if (result.ok) paymentIds.add(result.paymentId);
      return result;
    };
    const events = recordEvents(t.container);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        request(t.app).post(`/api/v1/orders/${orderId}/pay`).set(buyer.auth).send({ paymentMethod: 'test_card' }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array<number>(9).fill(409)]);
    expect(paymentIds.size).toBe(1);
    await vi.waitFor(() => expect(events.filter((e) => e.topic === 'order.paid')).toHaveLength(1), {
      timeout: 5000,
      interval: 20,
    });
    expect((await request(t.app).get(`/api/v1/orders/${orderId}`).set(buyer.auth)).body.status).toBe('paid');
  });

  it('cancel gives the stock back, also after payment (by an admin); a second cancel or a late payment is 409', async () => {
    const listingId = await listingWithStock(3);
    const buyer = await buyerWithCart(listingId, 2);
    const created = await order(buyer);
    expect((await ledger().level(listingId))?.available).toBe(1);
    const cancelled = await request(t.app).post(`/api/v1/orders/${created.body.id}/cancel`).set(buyer.auth);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await ledger().level(listingId))?.available).toBe(3);
    await expectConsistent(listingId);
    expectProblem(
      await request(t.app).post(`/api/v1/orders/${created.body.id}/cancel`).set(buyer.auth),
      409,
      'ORDER_INVALID_TRANSITION',
    );
    expectProblem(
      await request(t.app)
        .post(`/api/v1/orders/${created.body.id}/pay`)
        .set(buyer.auth)
        .send({ paymentMethod: 'test_card' }),
      409,
      'ORDER_INVALID_TRANSITION',
    );

    const payer = await buyerWithCart(listingId);
    const paid = await order(payer);
    expect(
      (
        await request(t.app)
          .post(`/api/v1/orders/${paid.body.id}/pay`)
          .set(payer.auth)
          .send({ paymentMethod: 'test_card' })
      ).body.status,
    ).toBe('paid');
    expect((await request(t.app).post(`/api/v1/orders/${paid.body.id}/cancel`).set(admin)).body.status).toBe(
      'cancelled',
    );
    await expectConsistent(listingId);
  });

  describe('Idempotency-Key on pay', () => {
    const pay = (who: SignedIn, orderId: string, key?: string, body: object = { paymentMethod: 'test_card' }) => {
      const req = request(t.app).post(`/api/v1/orders/${orderId}/pay`).set(who.auth);
      return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body);
    };
    const countingCharges = () => {
      const gateway = t.container.get<PaymentGateway>(PaymentGateway);
      const charge = gateway.charge.bind(gateway);
      const charges: string[] = [];
      gateway.charge = async (req) => {
        const result = await charge(req);
        if (result.ok) charges.push(result.paymentId);
        return result;
      };
      return { charges, restore: () => (gateway.charge = charge) };
    };
    const pendingOrder = async () => {
      const buyer = await buyerWithCart(await listingWithStock(3));
      return { buyer, orderId: (await order(buyer)).body.id as string };
    };

    it('the same key and body answer the first answer again and pay once; another body is 409 IDEMPOTENCY_KEY_REUSED', async () => {
      const { buyer, orderId } = await pendingOrder();
      const events = recordEvents(t.container);
      const counting = countingCharges();
      try {
        const first = await pay(buyer, orderId, 'pay-key-000001');
        expect(first.status).toBe(200);
        expect(first.body).toMatchObject({ id: orderId, status: 'paid' });
        const again = await pay(buyer, orderId, 'pay-key-000001');
        expect(again.status).toBe(200);
        expect(again.body).toEqual(first.body);
        expectProblem(
          await pay(buyer, orderId, 'pay-key-000001', {
            paymentMethod: 'test_card',
            shippingAddress: { ...address, city: 'Lyon' },
          }),
          409,
          'IDEMPOTENCY_KEY_REUSED',
        );
        expectProblem(await pay(buyer, orderId, 'pay-key-000002'), 409, 'ORDER_INVALID_TRANSITION');
        expectProblem(await pay(buyer, orderId), 409, 'ORDER_INVALID_TRANSITION');
        await vi.waitFor(() => expect(events.filter((e) => e.topic === 'order.paid')).toHaveLength(1), {
          timeout: 5000,
          interval: 20,
        });
        expect(new Set(counting.charges).size).toBe(1);
      } finally {
        counting.restore();
      }
    });

    it('twins with one key sent at once: both 200 with the same order, one charge', async () => {
      const { buyer, orderId } = await pendingOrder();
      const counting = countingCharges();
      try {
        const answers = await Promise.all([pay(buyer, orderId, 'pay-twin-0001'), pay(buyer, orderId, 'pay-twin-0001')]);
        expect(answers.map((a) => a.status)).toEqual([200, 200]);
        expect(answers[0]?.body).toEqual(answers[1]?.body);
        expect(new Set(counting.charges).size).toBe(1);
      } finally {
        counting.restore();
      }
    });

    it('a declined payment is not remembered: the key may be used again; a malformed key is 400', async () => {
      const { buyer, orderId } = await pendingOrder();
      expectProblem(
        await pay(buyer, orderId, 'pay-declined-01', { paymentMethod: 'test_card_declined' }),
        402,
        'PAYMENT_DECLINED',
      );
      expectProblem(
        await pay(buyer, orderId, 'pay-declined-01', { paymentMethod: 'test_card_declined' }),
        402,
        'PAYMENT_DECLINED',
      );
      expect((await pay(buyer, orderId, 'pay-declined-01')).body.status).toBe('paid');
      const bad = await pay(buyer, orderId, 'short');
      expect((expectProblem(bad, 400).errors as { path: string }[]).map((e) => e.path)).toEqual([
        'headers.idempotency-key',
      ]);
    });

    it("another buyer's key on the order is 404, and does not take the owner's key", async () => {
      const { buyer, orderId } = await pendingOrder();
      const stranger = await registerUser(t.app);
      expectProblem(await pay(stranger, orderId, 'shared-key-001'), 404);
      expect((await pay(buyer, orderId, 'shared-key-001')).status).toBe(200);
    });
  });

  it('an order still placing (a checkout under way or dead) is neither found nor listed', async () => {
    const buyer = await registerUser(t.app);
    const items = [
      {
        listingId: 'l-1',
        sellerId: seller.id,
        title: 'Bike',
        unitPrice: { amount: 100, currency: 'EUR' },
        quantity: 1,
      },
    ];
    const placing = createOrder({
      id: `placing-${buyer.id}`,
      buyerId: buyer.id,
      items,
      shippingAddress: address,
      at: t.clock.now(),
    });
    await t.container.get<OrderRepository>(OrderRepository).create(placing, []);
    expectProblem(await request(t.app).get(`/api/v1/orders/${placing.id}`).set(buyer.auth), 404, 'ORDER_NOT_FOUND');
    expectProblem(await request(t.app).get(`/api/v1/orders/${placing.id}`).set(admin), 404, 'ORDER_NOT_FOUND');
    expect((await request(t.app).get('/api/v1/orders').set(buyer.auth)).body.items).toEqual([]);
    expectProblem(await request(t.app).post(`/api/v1/orders/${placing.id}/cancel`).set(buyer.auth), 404);
  });

  it("answers 404 for another buyer's order; the seller and admins may read it", async () => {
    const listingId = await listingWithStock(2);
    const buyer = await buyerWithCart(listingId);
    const created = await order(buyer);
    const stranger = await registerUser(t.app);
    expectProblem(
      await request(t.app).get(`/api/v1/orders/${created.body.id}`).set(stranger.auth),
      404,
      'ORDER_NOT_FOUND',
    );
    expectProblem(await request(t.app).post(`/api/v1/orders/${created.body.id}/cancel`).set(stranger.auth), 404);
    expectProblem(
      await request(t.app)
        .post(`/api/v1/orders/${created.body.id}/pay`)
        .set(stranger.auth)
        .send({ paymentMethod: 'test_card' }),
      404,
    );
    expectProblem(await request(t.app).post(`/api/v1/orders/${created.body.id}/cancel`).set(seller.auth), 404);
    expect((await request(t.app).get(`/api/v1/orders/${created.body.id}`).set(seller.auth)).status).toBe(200);
    expect((await request(t.app).get(`/api/v1/orders/${created.body.id}`).set(admin)).status).toBe(200);
  });
});
