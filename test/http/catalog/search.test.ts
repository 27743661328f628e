import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { expectProblem, signInAdmin, TEST_ADMIN, verifiedSeller, type SignedIn } from '../../support/http-helpers.js';
import { createListing, listingBody, publishedListing, seedBikeCategories } from '../../support/catalog-helpers.js';

describe('HTTP search (GET /listings)', () => {
  let t: TestApp;
  let seller: SignedIn;
  let other: SignedIn;
  let categories: Awaited<ReturnType<typeof seedBikeCategories>>;
  const ids: Record<string, string> = {};
  const search = async (query: string) => {
    const res = await request(t.app).get(`/api/v1/listings?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { items: { id: string; title: string; price: { amount: number } }[]; nextCursor: string | null };
  };
  const titles = async (query: string) => (await search(query)).items.map((i) => i.title);

  beforeAll(async () => {
    t = await createTestApp(TEST_ADMIN);
    const admin = await signInAdmin(t.app);
    seller = await verifiedSeller(t.app, admin);
    other = await verifiedSeller(t.app, admin);
    categories = await seedBikeCategories(t.app, admin);
    const put = async (key: string, by: SignedIn, overrides: Record<string, unknown>) => {
      t.clock.advance(1000);
      ids[key] = (await publishedListing(t.app, by.auth, listingBody(categories.bikes, overrides))).id;
    };
    await put('velo', seller, {
      title: 'Vélo de ville',
      description: 'Panier en osier',
      price: { amount: 15_000, currency: 'EUR' },
    });
    await put('route', seller, {
      title: 'Velo de route carbone',
      description: 'Léger',
      price: { amount: 90_000, currency: 'EUR' },
      attributes: { condition: 'new', frame_size: 56 },
    });
    await put('ebike', other, {
      title: 'Vélo électrique',
      description: 'Batterie neuve',
      categoryId: categories.ebikes,
      price: { amount: 120_000, currency: 'EUR' },
      attributes: { condition: 'used', electric: true, frame_size: 48 },
    });
    await put('cafe', other, {
      title: 'Café racer',
      description: 'Moto, pas un vélo',
      price: { amount: 40_000, currency: 'EUR' },
      attributes: { condition: 'used', frame_size: 60 },
    });
    await createListing(t.app, seller.auth, listingBody(categories.bikes, { title: 'Vélo brouillon' }));
  });
  afterAll(() => t.close());

  it('matches every word, ignoring case and accents ("Vélo" finds "velo")', async () => {
    expect((await titles('q=velo')).sort()).toEqual([
      'Café racer',
      'Velo de route carbone',
      'Vélo de ville',
      'Vélo électrique',
    ]);
    expect(await titles('q=V%C3%89LO%20ville')).toEqual(['Vélo de ville']);
    expect(await titles('q=cafe')).toEqual(['Café racer']);
    expect(await titles('q=velo%20sous-marin')).toEqual([]);
  });

  it('returns published listings only', async () => {
    expect(await titles('q=brouillon')).toEqual([]);
  });

  it('includes sub-categories under categoryId', async () => {
    expect((await titles(`categoryId=${categories.sports}`)).length).toBe(4);
    expect(await titles(`categoryId=${categories.ebikes}`)).toEqual(['Vélo électrique']);
    expect(await titles('categoryId=unknown')).toEqual([]);
  });

  it('filters by price, attributes and seller; sorts', async () => {
    expect(await titles(`categoryId=${categories.sports}&minPrice=20000&maxPrice=100000&sort=price_asc`)).toEqual([
      'Café racer',
      'Velo de route carbone',
    ]);
    expect(await titles(`categoryId=${categories.sports}&attr.condition=new`)).toEqual(['Velo de route carbone']);
    expect(await titles(`categoryId=${categories.sports}&attr.electric=true`)).toEqual(['Vélo électrique']);
    expect(
      await titles(`categoryId=${categories.sports}&attr.frame_size.min=50&attr.frame_size.max=58&sort=price_desc`),
    ).toEqual(['Velo de route carbone', 'Vélo de ville']);
    expect(await titles(`sellerId=${other.id}&sort=newest`)).toEqual(['Café racer', 'Vélo électrique']);
    expect(await titles(`categoryId=${categories.sports}&sort=price_desc`)).toEqual([
      'Vélo électrique',
      'Velo de route carbone',
      'Café racer',
      'Vélo de ville',
    ]);
  });

  it('stores and filters attributes whose keys differ only in case or underscores (attr.batteryWh vs attr.battery_wh)', async () => {
    const admin = await signInAdmin(t.app);
    const attributes = [
      { key: 'batteryWh', label: 'Battery (Wh)', type: 'number' },
      { key: 'battery_wh', label: 'Battery (label)', type: 'string' },
    ];
    const category = await request(t.app)
      .post('/api/v1/categories')
      .set(admin)
      .send({ name: 'Power banks', attributes });
    expect(category.status, JSON.stringify(category.body)).toBe(201);
    const body = (title: string, batteryWh: number, label: string) =>
      listingBody(category.body.id, { title, attributes: { batteryWh, battery_wh: label } });
    const big = await publishedListing(t.app, seller.auth, body('Big power bank', 500, 'small'));
    expect(big.attributes).toEqual({ batteryWh: 500, battery_wh: 'small' });
    await publishedListing(t.app, seller.auth, body('Small power bank', 100, 'big'));
    expect(await titles(`categoryId=${category.body.id}&attr.batteryWh.min=400`)).toEqual(['Big power bank']);
    expect(await titles(`categoryId=${category.body.id}&attr.battery_wh=big`)).toEqual(['Small power bank']);
    expect(await titles(`categoryId=${category.body.id}&attr.batterywh.min=1`)).toEqual([]);
  });

  it('pages with a stable cursor: no duplicates or gaps when listings are added between pages', async () => {
    const first = await search(`categoryId=${categories.sports}&sort=newest&limit=2`);
    expect(first.items.map((i) => i.id)).toEqual([ids.cafe, ids.ebike]);
    t.clock.advance(1000);
    await publishedListing(t.app, seller.auth, listingBody(categories.bikes, { title: 'Vélo tout neuf' }));
    const second = await search(
      `categoryId=${categories.sports}&sort=newest&limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`,
    );
    expect(second.items.map((i) => i.id)).toEqual([ids.route, ids.velo]);
    expect(second.nextCursor).toBeNull();
  });

  it('answers 400 naming a bad parameter', async () => {
    const bad = await request(t.app).get('/api/v1/listings?limit=500&sort=cheapest&attr.frame_size.min=abc&colour=red');
    const body = expectProblem(bad, 400);
    expect((body.errors as { path: string }[]).map((e) => e.path)).toEqual(
      expect.arrayContaining(['query.limit', 'query.sort']),
    );
    const unknown = expectProblem(await request(t.app).get('/api/v1/listings?colour=red&attr.frame_size.min=abc'), 400);
    expect((unknown.errors as { path: string }[]).map((e) => e.path)).toEqual([
      'query.colour',
      'query.attr.frame_size.min',
    ]);
  });
});
