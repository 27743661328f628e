import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BOTS } from '../../../src/adapters/demo/demo-accounts.js';
import { DEMO_ACCOUNTS, type DemoCast } from '../../../src/adapters/demo/demo-cast.js';
import { DemoSeeder } from '../../../src/adapters/demo/demo-seeder.js';
import { demoDepsOf } from '../../../src/composition/demo.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { demoInventory, signInDemo, type DemoInventory } from './demo-inventory.js';

describe('DemoSeeder on the embedded default', () => {
  let t: TestApp;
  let cast: DemoCast;
  let inventory: DemoInventory;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await new DemoSeeder(demoDepsOf(t.container)).seed();
    inventory = await demoInventory(t.app, cast);
  });
  afterAll(() => t?.close());

  it('makes every printed account and every bot, each signing in with the demo password as its cast member', async () => {
    const castByEmail = new Map(
      [cast.admin, ...cast.sellers, ...cast.buyers, cast.courier, ...cast.bots].map((user) => [user.email, user]),
    );
    for (const account of [...DEMO_ACCOUNTS, ...DEMO_BOTS]) {
      const signedIn = await signInDemo(t.app, account.email);
      expect(castByEmail.get(account.email)).toEqual({
        id: signedIn.userId,
        email: account.email,
        displayName: account.displayName,
      });
      const me = await request(t.app).get('/api/v1/users/me').set(signedIn);
      expect(me.body.roles).toEqual(expect.arrayContaining(account.roles));
    }
    expect(cast.bots.length).toBeGreaterThanOrEqual(3);
  });

  it('has both sellers KYC verified', async () => {
    for (const seller of cast.sellers) {
      const me = await request(t.app)
        .get('/api/v1/users/me')
        .set(await signInDemo(t.app, seller.email));
      expect(me.body.kyc.status).toBe('verified');
    }
  });

  it('publishes at least 30 listings across the sellers, each with an approved image anyone can download', async () => {
    expect(inventory.listingIds.length).toBeGreaterThanOrEqual(30);
    const sellersWithListings = new Set<string>();
    for (const id of inventory.listingIds) {
      const listing = await request(t.app).get(`/api/v1/listings/${id}`);
      expect(listing.body).toMatchObject({ status: 'published', price: { currency: 'EUR' } });
      sellersWithListings.add(listing.body.sellerId);
      const [mediaId] = listing.body.mediaIds;
      const media = await request(t.app).get(`/api/v1/media/${mediaId}`);
      expect(media.body).toMatchObject({ status: 'approved', contentType: 'image/png', url: expect.any(String) });
    }
    expect(sellersWithListings).toEqual(new Set(cast.sellers.map((s) => s.id)));
  });

  it('serves a listing image as a PNG from the embedded store', async () => {
    const listing = await request(t.app).get(`/api/v1/listings/${inventory.listingIds[0]}`);
    const media = await request(t.app).get(`/api/v1/media/${listing.body.mediaIds[0]}`);
    const url = new URL(media.body.url);
    const image = await request(t.app)
      .get(url.pathname + url.search)
      .buffer(true);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.body.subarray(1, 4).toString()).toBe('PNG');
  });

  it('names a delivery listing of seller1 with ample stock and a leaf category for the auction lots', async () => {
    const delivery = await request(t.app).get(`/api/v1/listings/${cast.deliveryListingId}`);
    expect(delivery.body).toMatchObject({ sellerId: cast.sellers[0]!.id, status: 'published' });
    expect(delivery.body.quantity).toBeGreaterThanOrEqual(10_000);
    const category = await request(t.app).get(`/api/v1/categories/${cast.auctionCategoryId}`);
    expect(category.status).toBe(200);
    expect(category.body.attributes.some((a: { required: boolean }) => a.required)).toBe(true);
  });

  it('builds a category tree with typed attributes', async () => {
    const tree = await request(t.app).get('/api/v1/categories');
    const electronics = tree.body.items.find((c: { slug: string }) => c.slug === 'electronics');
    const cameras = electronics.children.find((c: { slug: string }) => c.slug === 'cameras');
    const detail = await request(t.app).get(`/api/v1/categories/${cameras.id}`);
    expect(detail.body.attributes.map((a: { type: string }) => a.type).sort()).toEqual(['boolean', 'enum', 'number']);
  });

  it('finds everything again when seeding twice: the same cast, nothing duplicated', async () => {
    const again = await new DemoSeeder(demoDepsOf(t.container)).seed();
    expect(again).toEqual(cast);
    expect(await demoInventory(t.app, cast)).toEqual(inventory);
  });
});
