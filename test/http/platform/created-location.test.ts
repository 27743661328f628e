import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryWorld, type DeliveryWorld } from '../../support/delivery-helpers.js';
import { registerUser, TEST_ADMIN, type SignedIn } from '../../support/http-helpers.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

/** Every 201 carries `Location` (api.md 1.1); where the resource can be read, GET there reads it. */
describe('Location on every 201', () => {
  let t: TestApp;
  let w: DeliveryWorld;
  let buyer: SignedIn;

  const api = () => request(t.app);
  /** Asserts the Location and, when `readBy` is given, that a GET of it answers 200 with the body's `id`. */
  async function expectLocation(res: request.Response, location: string, readBy?: { Authorization: string }) {
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.location).toBe(location);
    if (!readBy) return;
    const read = await api().get(location).set(readBy);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    return read.body as Record<string, unknown>;
  }

  beforeAll(async () => {
    t = await createTestApp(TEST_ADMIN);
    w = await deliveryWorld(t);
    buyer = await registerUser(t.app);
  });
  afterAll(() => t.close());

  it('POST /auth/register: the account, /users/me', async () => {
    const res = await api()
      .post('/api/v1/auth/register')
      .send({ email: `located-${Date.now()}@example.com`, password: 'a long password', displayName: 'Located' });
    const user = await expectLocation(res, '/api/v1/users/me', { Authorization: `Bearer ${res.body.accessToken}` });
    expect(user?.id).toBe(res.body.user.id);
  });

  it('POST /users/me/devices: the device, where it is forgotten (percent-encoded token)', async () => {
    const res = await api()
      .post('/api/v1/users/me/devices')
      .set(buyer.auth)
      .send({ token: 'fcm/tok en', platform: 'android' });
    await expectLocation(res, '/api/v1/users/me/devices/fcm%2Ftok%20en');
    expect((await api().delete(res.headers.location!).set(buyer.auth)).status).toBe(204);
  });

  it('POST /categories and POST /listings: the category and the listing', async () => {
    const category = await api()
      .post('/api/v1/categories')
      .set(w.admin)
      .send({ name: `Located ${Date.now()}` });
    expect((await expectLocation(category, `/api/v1/categories/${category.body.id}`, w.admin))?.id).toBe(
      category.body.id,
    );
    const listing = await api()
      .post('/api/v1/listings')
      .set(w.seller.auth)
      .send({
        title: 'Located bike',
        description: 'Found where the Location says',
        categoryId: category.body.id,
        price: { amount: 1000, currency: 'EUR' },
        quantity: 1,
      });
    expect((await expectLocation(listing, `/api/v1/listings/${listing.body.id}`, w.seller.auth))?.id).toBe(
      listing.body.id,
    );
  });

  it('POST /media/uploads: the media', async () => {
    const res = await api()
      .post('/api/v1/media/uploads')
      .set(buyer.auth)
      .send({ contentType: 'image/png', size: 10, filename: 'located.png' });
    expect((await expectLocation(res, `/api/v1/media/${res.body.mediaId}`, buyer.auth))?.id).toBe(res.body.mediaId);
  });

  it('POST /cart/items and POST /orders: the cart line and the order', async () => {
    const listingId = await w.listing(1);
    const line = await api().post('/api/v1/cart/items').set(buyer.auth).send({ listingId, quantity: 1 });
    await expectLocation(line, `/api/v1/cart/items/${listingId}`);
    const order = () =>
      api()
        .post('/api/v1/orders')
        .set(buyer.auth)
        .set('Idempotency-Key', `located-order-${Date.now()}`)
        .send({
          shippingAddress: { name: 'Ada', line1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' },
        });
    const first = await order();
    expect((await expectLocation(first, `/api/v1/orders/${first.body.id}`, buyer.auth))?.id).toBe(first.body.id);
  });

  it('POST /orders replayed with the same Idempotency-Key: the same Location', async () => {
    const listingId = await w.listing(1);
    await api().post('/api/v1/cart/items').set(buyer.auth).send({ listingId, quantity: 1 });
    const body = {
      shippingAddress: { name: 'Ada', line1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' },
    };
    const send = () =>
      api().post('/api/v1/orders').set(buyer.auth).set('Idempotency-Key', 'located-replayed').send(body);
    const first = await send();
    const again = await send();
    await expectLocation(again, `/api/v1/orders/${first.body.id}`);
  });

  it('POST /auctions and POST /auctions/:id/bids: the auction (a bid has no address: its auction)', async () => {
    const auction = await w.auction();
    expect((await expectLocation(auction, `/api/v1/auctions/${auction.body.id}`, buyer.auth))?.id).toBe(
      auction.body.id,
    );
    const bid = await w.bid(buyer, auction.body.id, 1_000);
    await expectLocation(bid, `/api/v1/auctions/${auction.body.id}`, buyer.auth);
  });

  it('POST /deliveries: the delivery', async () => {
    const { orderId } = await w.paidOrder();
    const res = await api().post('/api/v1/deliveries').set(w.seller.auth).send({ orderId });
    expect((await expectLocation(res, `/api/v1/deliveries/${res.body.id}`, w.seller.auth))?.id).toBe(res.body.id);
  });

  it('puts no Location on answers other than 201', async () => {
    const res = await api().get('/api/v1/users/me').set(buyer.auth);
    expect(res.status).toBe(200);
    expect(res.headers.location).toBeUndefined();
  });
});
