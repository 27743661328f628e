import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { StockLedger } from '../../../src/application/cart/ports/stock-ledger.js';
import type { Money } from '../../../src/domain/shared/money.js';
import { listingBody, publishedListing, seedBikeCategories } from '../../support/catalog-helpers.js';
import {
  expectProblem,
  registerUser,
  signInAdmin,
  TEST_ADMIN,
  verifiedSeller,
  type SignedIn,
} from '../../support/http-helpers.js';
import { describeWithService, uniqueName } from '../../support/real-services.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

const address = { name: 'Ada Lovelace', line1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' };
const jpy = (amount: number): Money => ({ amount, currency: 'JPY' });
const usd = (amount: number): Money => ({ amount, currency: 'USD' });

/** One currency per cart, on the memory stock ledger or (with `env`) the Redis one. */
function cartCurrencySuite(env: () => Record<string, string>): void {
  let t: TestApp;
  let seller: SignedIn;
  let categoryId: string;

  const ledger = () => t.container.get<StockLedger>(StockLedger);
  const listing = async (price: Money, quantity: number) => {
    const created = await publishedListing(t.app, seller.auth, listingBody(categoryId, { price, quantity }));
    await vi.waitFor(async () => expect((await ledger().level(created.id))?.available).toBe(quantity), {
      timeout: 5000,
      interval: 20,
    });
    return created.id;
  };
  const add = (who: SignedIn, listingId: string, quantity = 1) =>
    request(t.app).post('/api/v1/cart/items').set(who.auth).send({ listingId, quantity });
  const cartOf = (who: SignedIn) => request(t.app).get('/api/v1/cart').set(who.auth);
  const availableQuantity = async (listingId: string) =>
    (await request(t.app).get(`/api/v1/listings/${listingId}`)).body.availableQuantity as number;

  beforeAll(async () => {
    t = await createTestApp({ ...TEST_ADMIN, ...env() });
    const admin = await signInAdmin(t.app);
    seller = await verifiedSeller(t.app, admin);
    categoryId = (await seedBikeCategories(t.app, admin)).bikes;
  });
  afterAll(() => t?.close());

  it('refuses a USD listing in a JPY cart with 409 CART_MIXED_CURRENCIES, reserves nothing, and the cart checks out in JPY', async () => {
    const [yen, dollars] = [await listing(jpy(100), 5), await listing(usd(100_000), 3)];
    const buyer = await registerUser(t.app);
    expect((await add(buyer, yen, 2)).body.total).toEqual(jpy(200));

    const refused = expectProblem(await add(buyer, dollars), 409, 'CART_MIXED_CURRENCIES');
    expect(refused).toMatchObject({ cartCurrency: 'JPY', listingCurrency: 'USD' });
    expect(await availableQuantity(dollars)).toBe(3);
    expect(await ledger().level(dollars)).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
    expect(await ledger().reservation(dollars, buyer.id, t.clock.now())).toBeNull();

    const cart = await cartOf(buyer);
    expect(cart.status).toBe(200);
    expect(cart.body).toMatchObject({ items: [{ listingId: yen, quantity: 2, unitPrice: jpy(100) }], total: jpy(200) });

    const order = await request(t.app)
      .post('/api/v1/orders')
      .set(buyer.auth)
      .set('Idempotency-Key', uniqueName('jpy-order'))
      .send({ shippingAddress: address });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect(order.body).toMatchObject({
      items: [{ listingId: yen, quantity: 2, unitPrice: jpy(100) }],
      total: jpy(200),
    });
    expect(await availableQuantity(dollars)).toBe(3);
    expect((await cartOf(buyer)).body).toEqual({ items: [], total: null });
  });

  it('takes any currency in an empty cart, and the currency of the cart once the last line of another is gone', async () => {
    const [yen, dollars] = [await listing(jpy(1_500), 5), await listing(usd(2_500), 5)];
    const buyer = await registerUser(t.app);
    expect((await add(buyer, dollars)).body.total).toEqual(usd(2_500));
    expectProblem(await add(buyer, yen), 409, 'CART_MIXED_CURRENCIES');
    expect((await request(t.app).delete(`/api/v1/cart/items/${dollars}`).set(buyer.auth)).status).toBe(204);
    const added = await add(buyer, yen, 2);
    expect(added.status).toBe(201);
    expect(added.body.total).toEqual(jpy(3_000));
    expect([await availableQuantity(yen), await availableQuantity(dollars)]).toEqual([3, 5]);
  });

  it('refuses a PATCH at a price now in another currency before moving the reservation; 0 still removes the line', async () => {
    const [first, second] = [await listing(jpy(100), 5), await listing(jpy(300), 5)];
    const buyer = await registerUser(t.app);
    await add(buyer, first);
    await add(buyer, second);
    const repriced = await request(t.app)
      .patch(`/api/v1/listings/${second}`)
      .set(seller.auth)
      .send({ price: usd(300) });
    expect(repriced.status, JSON.stringify(repriced.body)).toBe(200);

    const patch = (quantity: number) =>
      request(t.app).patch(`/api/v1/cart/items/${second}`).set(buyer.auth).send({ quantity });
    expect(expectProblem(await patch(3), 409, 'CART_MIXED_CURRENCIES')).toMatchObject({
      cartCurrency: 'JPY',
      listingCurrency: 'USD',
    });
    expect(await availableQuantity(second)).toBe(4);
    const cart = await cartOf(buyer);
    expect(cart.status).toBe(200);
    expect(cart.body.total).toEqual(jpy(400));
    expect((await patch(0)).body).toMatchObject({ items: [{ listingId: first }], total: jpy(100) });
    expect(await availableQuantity(second)).toBe(5);
  });

  it('never leaves a cart mixed when one buyer adds listings in two currencies at once, and a refusal keeps nothing', async () => {
    const listings = [
      ...(await Promise.all([jpy(100), jpy(200), jpy(300)].map((price) => listing(price, 50)))),
      ...(await Promise.all([usd(100), usd(200), usd(300)].map((price) => listing(price, 50)))),
    ];
    const buyers = await Promise.all(Array.from({ length: 8 }, () => registerUser(t.app)));
    for (const buyer of buyers) {
      const answers = await Promise.all(listings.map((id) => add(buyer, id)));
      expect(
        answers.every((r) => r.status === 201 || (r.status === 409 && r.body.code === 'CART_MIXED_CURRENCIES')),
      ).toBe(true);
      const cart = await cartOf(buyer);
      expect(cart.status).toBe(200);
      const currencies = new Set(cart.body.items.map((line: { unitPrice: Money }) => line.unitPrice.currency));
      expect(currencies.size).toBeLessThanOrEqual(1);
      const inCart = new Set<string>(cart.body.items.map((line: { listingId: string }) => line.listingId));
      listings.forEach((id, i) => {
        if (answers[i]!.status === 201) expect(inCart.has(id), `answered 201 for ${id}`).toBe(true);
      });
      for (const id of listings)
        expect(Boolean(await ledger().reservation(id, buyer.id, t.clock.now())), `reservation of ${id}`).toBe(
          inCart.has(id),
        );
    }
    const reservedByBuyers = await Promise.all(
      buyers.map(async (b) => ((await cartOf(b)).body.items as { listingId: string }[]).map((l) => l.listingId)),
    );
    for (const id of listings)
      expect((await ledger().level(id))?.reserved).toBe(reservedByBuyers.flat().filter((l) => l === id).length);
  });

  it('answers 400 naming the field for a currency that is not an active ISO 4217 code', async () => {
    for (const currency of ['ABC', 'jpy', 'HRK']) {
      const res = await request(t.app)
        .post('/api/v1/listings')
        .set(seller.auth)
        .send(listingBody(categoryId, { price: { amount: 100, currency } }));
      expect(
        (expectProblem(res, 400).errors as { path: string }[]).map((e) => e.path),
        currency,
      ).toEqual(['body.price.currency']);
    }
  });

  it("documents the empty cart's total as null, and money as minor units of an active ISO 4217 code, in /openapi.json", async () => {
    const { components } = (await request(t.app).get('/openapi.json')).body;
    expect(components.schemas.Cart.properties.total).toMatchObject({
      anyOf: [{ $ref: '#/components/schemas/Money' }, { type: 'null' }],
      description: expect.stringContaining('null when the cart is empty'),
    });
    expect(components.schemas.Money.properties.currency.description).toContain('ISO 4217');
  });
}

describe('HTTP cart: one currency per cart', () => {
  describe('on the memory stock ledger', () => cartCurrencySuite(() => ({})));
  describeWithService('REDIS_URL', 'on the Redis stock ledger', (url) =>
    cartCurrencySuite(() => ({ REDIS_URL: url, REDIS_KEY_PREFIX: `${uniqueName('cart')}:` })),
  );
});
