import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { StockLedger } from '../../../src/application/cart/ports/stock-ledger.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import {
  expectProblem,
  registerUser,
  signInAdmin,
  TEST_ADMIN,
  verifiedSeller,
  type SignedIn,
} from '../../support/http-helpers.js';
import { listingBody, publishedListing, seedBikeCategories } from '../../support/catalog-helpers.js';
import { recordEvents } from '../../support/recorded-events.js';

describe('HTTP cart', () => {
  let t: TestApp;
  let seller: SignedIn;
  let buyer: SignedIn;
  let categoryId: string;
  let events: ReturnType<typeof recordEvents>;

  const available = async (listingId: string) =>
    (await t.container.get<StockLedger>(StockLedger).level(listingId))?.available;
  /** A published listing whose stock the ledger has been seeded with (by the listing.published consumer). */
  const listingWithStock = async (quantity: number, price = 1_000) => {
    const listing = await publishedListing(
      t.app,
      seller.auth,
      listingBody(categoryId, { quantity, price: { amount: price, currency: 'EUR' } }),
    );
    await vi.waitFor(async () => expect(await available(listing.id)).toBe(quantity), { timeout: 5000, interval: 20 });
    return listing.id;
  };
  const add = (who: SignedIn, listingId: string, quantity = 1) =>
    request(t.app).post('/api/v1/cart/items').set(who.auth).send({ listingId, quantity });

  beforeAll(async () => {
    t = await createTestApp(TEST_ADMIN);
    events = recordEvents(t.container);
    const admin = await signInAdmin(t.app);
    seller = await verifiedSeller(t.app, admin);
    buyer = await registerUser(t.app);
    categoryId = (await seedBikeCategories(t.app, admin)).bikes;
  });
  afterAll(() => t.close());

  it('reserves stock, adds to an existing line, and shows the cart with its total', async () => {
    const listingId = await listingWithStock(5, 2_500);
    const first = await add(buyer, listingId, 2);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      items: [
        { listingId, quantity: 2, unitPrice: { amount: 2_500, currency: 'EUR' }, reservedUntil: expect.any(String) },
      ],
      total: { amount: 5_000, currency: 'EUR' },
    });
    expect((await add(buyer, listingId, 1)).body.items[0].quantity).toBe(3);
    expect(await available(listingId)).toBe(2);
    expect((await request(t.app).get(`/api/v1/listings/${listingId}`)).body).toMatchObject({
      quantity: 5,
      availableQuantity: 2,
    });
    const found = await request(t.app).get(`/api/v1/listings?sellerId=${seller.id}&limit=100`);
    expect(found.body.items.find((l: { id: string }) => l.id === listingId)).toMatchObject({
      quantity: 5,
      availableQuantity: 2,
    });
    expect(
      events.some(
        (e) =>
          e.topic === 'stock.reserved' &&
          (e.payload as { listingId: string; available: number }).listingId === listingId,
      ),
    ).toBe(true);
    expect((await request(t.app).get('/api/v1/cart').set(buyer.auth)).body.items).toHaveLength(1);
  });

  it('lets a buyer reserve a listing the moment it is published (see real-stack.test.ts for the race on Redis)', async () => {
    const listing = await publishedListing(t.app, seller.auth, listingBody(categoryId, { quantity: 3 }));
    const res = await add(buyer, listing.id, 2);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await available(listing.id)).toBe(1);
  });

  it("follows the seller's quantity edits; an edit of another field leaves the stock as it is", async () => {
    const listingId = await listingWithStock(2);
    expect((await add(buyer, listingId, 2)).status).toBe(201);
    const edit = (body: object) => request(t.app).patch(`/api/v1/listings/${listingId}`).set(seller.auth).send(body);
    expect((await edit({ quantity: 5 })).status).toBe(200);
    await vi.waitFor(async () => expect(await available(listingId)).toBe(3), { timeout: 5000, interval: 20 });
    expect((await edit({ description: 'Cadre aluminium, révisé' })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await t.container.get<StockLedger>(StockLedger).level(listingId)).toMatchObject({ onHand: 5, reserved: 2 });
  });

  it('answers 409 INSUFFICIENT_STOCK with how many are available', async () => {
    const listingId = await listingWithStock(3);
    const res = await add(buyer, listingId, 4);
    expect(expectProblem(res, 409, 'INSUFFICIENT_STOCK').available).toBe(3);
  });

  it('gives exactly 10 of 200 buyers racing for the last 10 units a 201', async () => {
    const listingId = await listingWithStock(10);
    const buyers = await Promise.all(Array.from({ length: 200 }, () => registerUser(t.app)));
    const answers = await Promise.all(buyers.map((b) => add(b, listingId)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(10);
    expect(answers.filter((r) => r.status === 409 && r.body.code === 'INSUFFICIENT_STOCK')).toHaveLength(190);
    expect(await available(listingId)).toBe(0);
  });

  it('moves a reservation up and down with PATCH, 0 removes it; DELETE releases at once', async () => {
    const listingId = await listingWithStock(5);
    const shopper = await registerUser(t.app);
    await add(shopper, listingId, 1);
    expect(
      (await request(t.app).patch(`/api/v1/cart/items/${listingId}`).set(shopper.auth).send({ quantity: 4 })).body
        .items[0].quantity,
    ).toBe(4);
    expect(await available(listingId)).toBe(1);
    expectProblem(
      await request(t.app).patch(`/api/v1/cart/items/${listingId}`).set(shopper.auth).send({ quantity: 6 }),
      409,
      'INSUFFICIENT_STOCK',
    );
    expect(
      (await request(t.app).patch(`/api/v1/cart/items/${listingId}`).set(shopper.auth).send({ quantity: 2 })).status,
    ).toBe(200);
    expect(await available(listingId)).toBe(3);
    expect(
      (await request(t.app).patch(`/api/v1/cart/items/${listingId}`).set(shopper.auth).send({ quantity: 0 })).body
        .items,
    ).toEqual([]);
    expect(await available(listingId)).toBe(5);
    await add(shopper, listingId, 2);
    expect((await request(t.app).delete(`/api/v1/cart/items/${listingId}`).set(shopper.auth)).status).toBe(204);
    expect(await available(listingId)).toBe(5);
    expectProblem(
      await request(t.app).delete(`/api/v1/cart/items/${listingId}`).set(shopper.auth),
      404,
      'CART_ITEM_NOT_FOUND',
    );
  });

  it('releases a reservation when it expires (CART_RESERVATION_TTL, 15 min by default)', async () => {
    const listingId = await listingWithStock(2);
    const shopper = await registerUser(t.app);
    await add(shopper, listingId, 2);
    t.clock.advance(15 * 60_000 + 1000);
    try {
      await vi.waitFor(async () => expect(await available(listingId)).toBe(2), { timeout: 5000, interval: 50 });
      const login = await request(t.app)
        .post('/api/v1/auth/login')
        .send({ email: shopper.email, password: 'a long password' }); // the old access token has expired too
      expect(
        (await request(t.app).get('/api/v1/cart').set('Authorization', `Bearer ${login.body.accessToken}`)).body,
      ).toEqual({ items: [], total: null });
      expect(
        events.some(
          (e) =>
            e.topic === 'stock.released' &&
            (e.payload as { reason: string; listingId: string }).listingId === listingId,
        ),
      ).toBe(true);
    } finally {
      t.clock.advance(-(15 * 60_000 + 1000));
    }
  });

  it('refuses your own listing, an unpublished or unknown one, and bad input', async () => {
    const listingId = await listingWithStock(2);
    expectProblem(await add(seller, listingId), 403);
    const both = await verifiedSeller(t.app, await signInAdmin(t.app), ['seller', 'buyer']);
    const own = await publishedListing(t.app, both.auth, listingBody(categoryId));
    expectProblem(await add(both, own.id), 409, 'CART_OWN_LISTING');
    const draft = await request(t.app).post('/api/v1/listings').set(seller.auth).send(listingBody(categoryId));
    expectProblem(await add(buyer, draft.body.id), 409, 'LISTING_NOT_FOR_SALE');
    expectProblem(await add(buyer, 'nope'), 404, 'LISTING_NOT_FOUND');
    const res = await request(t.app).post('/api/v1/cart/items').set(buyer.auth).send({ listingId, quantity: 0.5 });
    expect((expectProblem(res, 400).errors as { path: string }[]).map((e) => e.path)).toEqual(['body.quantity']);
  });
});
