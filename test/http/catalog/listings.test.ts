import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../support/audit-helpers.js';
import { recordEvents } from '../../support/recorded-events.js';
import { settleOutbox } from '../../support/outbox-helpers.js';
import type { EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import {
  expectProblem,
  registerUser,
  signInAdmin,
  TEST_ADMIN,
  verifiedSeller,
  type SignedIn,
} from '../../support/http-helpers.js';
import { createListing, listingBody, publishedListing, seedBikeCategories } from '../../support/catalog-helpers.js';

describe('HTTP listings', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  let seller: SignedIn;
  let categories: Awaited<ReturnType<typeof seedBikeCategories>>;
  let events: EventEnvelope[] = [];

  beforeAll(async () => {
    t = await createTestApp({ ...TEST_ADMIN, BANNED_WORDS: 'contrefaçon, replica' });
    events = recordEvents(t.container);
    admin = await signInAdmin(t.app);
    seller = await verifiedSeller(t.app, admin);
    categories = await seedBikeCategories(t.app, admin);
  });
  afterAll(() => t.close());

  describe('POST /listings', () => {
    it('creates a draft with the contract fields and publishes listing.created', async () => {
      const listing = await createListing(t.app, seller.auth, listingBody(categories.bikes));
      expect(listing).toMatchObject({
        sellerId: seller.id,
        status: 'draft',
        price: { amount: 25_000, currency: 'EUR' },
        quantity: 2,
        availableQuantity: 2,
        attributes: { condition: 'used', frame_size: 54 },
        mediaIds: [],
      });
      await settleOutbox(t.container);
      expect(
        events.some(
          (e) => e.topic === 'listing.created' && (e.payload as { listingId: string }).listingId === listing.id,
        ),
      ).toBe(true);
    });

    it('names each failing attribute: missing required, wrong type, option not in enum, out of range, unknown', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ frame_size: 54 }, 'body.attributes.condition'],
        [{ condition: 'used', frame_size: 'big' }, 'body.attributes.frame_size'],
        [{ condition: 'mint' }, 'body.attributes.condition'],
        [{ condition: 'new', frame_size: 90 }, 'body.attributes.frame_size'],
        [{ condition: 'new', colour: 'red' }, 'body.attributes.colour'],
      ];
      for (const [attributes, path] of cases) {
        const res = await request(t.app)
          .post('/api/v1/listings')
          .set(seller.auth)
          .send(listingBody(categories.bikes, { attributes }));
        const body = expectProblem(res, 400, 'LISTING_ATTRIBUTES_INVALID');
        expect(
          (body.errors as { path: string }[]).map((e) => e.path),
          JSON.stringify(attributes),
        ).toEqual([path]);
      }
    });

    it('checks inherited attributes on a sub-category', async () => {
      const res = await request(t.app)
        .post('/api/v1/listings')
        .set(seller.auth)
        .send(listingBody(categories.ebikes, { attributes: { condition: 'new', electric: 'yes' } }));
      expect((expectProblem(res, 400).errors as { path: string }[])[0]?.path).toBe('body.attributes.electric');
    });

    it('refuses a float price, a negative stock and an unknown category', async () => {
      const res = await request(t.app)
        .post('/api/v1/listings')
        .set(seller.auth)
        .send(listingBody(categories.bikes, { price: { amount: 12.5, currency: 'EUR' }, quantity: -1 }));
      expect((expectProblem(res, 400).errors as { path: string }[]).map((e) => e.path)).toEqual([
        'body.price.amount',
        'body.quantity',
      ]);
      expectProblem(
        await request(t.app).post('/api/v1/listings').set(seller.auth).send(listingBody('nope')),
        404,
        'CATEGORY_NOT_FOUND',
      );
    });

    it('is for sellers only (403 for a buyer)', async () => {
      const buyer = await registerUser(t.app);
      expectProblem(
        await request(t.app).post('/api/v1/listings').set(buyer.auth).send(listingBody(categories.bikes)),
        403,
      );
    });
  });

  describe('publishing and moderation', () => {
    it('publishes straight away when auto-moderation passes', async () => {
      const listing = await publishedListing(t.app, seller.auth, listingBody(categories.bikes));
      expect(listing.publishedAt).toEqual(expect.any(String));
      await settleOutbox(t.container);
      expect(
        events.some(
          (e) => e.topic === 'listing.published' && (e.payload as { listingId: string }).listingId === listing.id,
        ),
      ).toBe(true);
    });

    it('refuses a seller without verified KYC (403 KYC_REQUIRED)', async () => {
      const unverified = await registerUser(t.app, { roles: ['seller'] });
      const listing = await createListing(t.app, unverified.auth, listingBody(categories.bikes));
      expectProblem(
        await request(t.app).post(`/api/v1/listings/${listing.id}/publish`).set(unverified.auth),
        403,
        'KYC_REQUIRED',
      );
    });

    it('sends banned words and unapproved media to moderation; an admin approves or rejects, audited', async () => {
      const banned = await createListing(
        t.app,
        seller.auth,
        listingBody(categories.bikes, { title: 'Vélo CONTREFACON' }),
      );
      const held = await request(t.app).post(`/api/v1/listings/${banned.id}/publish`).set(seller.auth);
      expect(held.body).toMatchObject({ status: 'moderation', moderationReason: 'banned words: contrefacon' });
      const withMedia = await createListing(
        t.app,
        seller.auth,
        listingBody(categories.bikes, { mediaIds: ['not-uploaded'] }),
      );
      expect((await request(t.app).post(`/api/v1/listings/${withMedia.id}/publish`).set(seller.auth)).body.status).toBe(
        'moderation',
      );

      const queue = await request(t.app).get('/api/v1/admin/moderation/listings?limit=100').set(admin);
      expect(queue.body.items.map((l: { id: string }) => l.id)).toEqual(
        expect.arrayContaining([banned.id, withMedia.id]),
      );

      const rejected = await request(t.app)
        .post(`/api/v1/admin/listings/${banned.id}/reject`)
        .set(admin)
        .send({ reason: 'counterfeit' });
      expect(rejected.body).toMatchObject({ status: 'rejected', moderationReason: 'counterfeit' });
      // No body at all: `{ reason? }` is optional (the document says the body is not required).
      const approved = await request(t.app).post(`/api/v1/admin/listings/${withMedia.id}/approve`).set(admin);
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      expect(approved.body.status).toBe('published');

      const audit = await auditEntries(t.app, admin, { targetId: banned.id }, 1);
      expect(audit).toEqual([
        expect.objectContaining({
          action: 'listing.reject',
          targetType: 'listing',
          reason: 'counterfeit',
          actorId: expect.any(String),
        }),
      ]);
      expect((await auditEntries(t.app, admin, { targetId: withMedia.id }, 1)).map((e) => e.action)).toEqual([
        'listing.approve',
      ]);
      await settleOutbox(t.container);
      expect(
        events.some(
          (e) => e.topic === 'notification.send' && (e.payload as { type: string }).type === 'listing.rejected',
        ),
      ).toBe(true);

      const redraft = await request(t.app)
        .patch(`/api/v1/listings/${banned.id}`)
        .set(seller.auth)
        .send({ title: 'Vélo authentique' });
      expect(redraft.body.status).toBe('draft');
    });

    it('answers 409 for every forbidden transition', async () => {
      const listing = await publishedListing(t.app, seller.auth, listingBody(categories.bikes));
      expectProblem(
        await request(t.app).post(`/api/v1/listings/${listing.id}/publish`).set(seller.auth),
        409,
        'LISTING_INVALID_TRANSITION',
      );
      expectProblem(
        await request(t.app).post(`/api/v1/admin/listings/${listing.id}/approve`).set(admin).send({}),
        409,
        'LISTING_INVALID_TRANSITION',
      );
      expectProblem(
        await request(t.app).post(`/api/v1/admin/listings/${listing.id}/reject`).set(admin).send({}),
        409,
        'LISTING_INVALID_TRANSITION',
      );
      expect((await request(t.app).delete(`/api/v1/listings/${listing.id}`).set(seller.auth)).status).toBe(204);
      expectProblem(
        await request(t.app).delete(`/api/v1/listings/${listing.id}`).set(seller.auth),
        409,
        'LISTING_INVALID_TRANSITION',
      );
      expectProblem(
        await request(t.app).patch(`/api/v1/listings/${listing.id}`).set(seller.auth).send({ title: 'again' }),
        409,
        'LISTING_INVALID_TRANSITION',
      );
      expectProblem(
        await request(t.app).post(`/api/v1/listings/${listing.id}/publish`).set(seller.auth),
        409,
        'LISTING_INVALID_TRANSITION',
      );
      const held = await createListing(t.app, seller.auth, listingBody(categories.bikes, { description: 'replica' }));
      await request(t.app).post(`/api/v1/listings/${held.id}/publish`).set(seller.auth);
      expectProblem(
        await request(t.app).patch(`/api/v1/listings/${held.id}`).set(seller.auth).send({ title: 'changed' }),
        409,
        'LISTING_INVALID_TRANSITION',
      );
    });
  });

  describe('visibility and ownership', () => {
    it('shows a draft only to its seller and admins (404 for others, anonymous included)', async () => {
      const draft = await createListing(t.app, seller.auth, listingBody(categories.bikes));
      const stranger = await registerUser(t.app, { roles: ['seller'] });
      expect((await request(t.app).get(`/api/v1/listings/${draft.id}`).set(seller.auth)).status).toBe(200);
      expect((await request(t.app).get(`/api/v1/listings/${draft.id}`).set(admin)).status).toBe(200);
      expectProblem(
        await request(t.app).get(`/api/v1/listings/${draft.id}`).set(stranger.auth),
        404,
        'LISTING_NOT_FOUND',
      );
      expectProblem(await request(t.app).get(`/api/v1/listings/${draft.id}`), 404);
      expectProblem(
        await request(t.app).patch(`/api/v1/listings/${draft.id}`).set(stranger.auth).send({ title: 'mine now' }),
        404,
      );
    });

    it("refuses editing someone else's published listing (403) and shows it to anyone", async () => {
      const listing = await publishedListing(t.app, seller.auth, listingBody(categories.bikes));
      const stranger = await registerUser(t.app, { roles: ['seller'] });
      expect((await request(t.app).get(`/api/v1/listings/${listing.id}`)).status).toBe(200);
      expectProblem(
        await request(t.app).patch(`/api/v1/listings/${listing.id}`).set(stranger.auth).send({ title: 'mine now' }),
        403,
        'LISTING_NOT_OWNER',
      );
      expectProblem(await request(t.app).delete(`/api/v1/listings/${listing.id}`).set(stranger.auth), 403);
      expectProblem(await request(t.app).post(`/api/v1/listings/${listing.id}/publish`).set(stranger.auth), 403);
    });

    it('lets an admin archive any listing, audited', async () => {
      const listing = await publishedListing(t.app, seller.auth, listingBody(categories.bikes));
      expect((await request(t.app).delete(`/api/v1/listings/${listing.id}`).set(admin)).status).toBe(204);
      expect((await request(t.app).get(`/api/v1/listings/${listing.id}`).set(seller.auth)).body.status).toBe(
        'archived',
      );
      expectProblem(await request(t.app).get(`/api/v1/listings/${listing.id}`), 404);
      expect((await auditEntries(t.app, admin, { targetId: listing.id }, 1)).map((e) => e.action)).toEqual([
        'listing.archive',
      ]);
    });
  });

  describe('editing', () => {
    it('keeps a published listing published on price and stock edits, and re-moderates content edits', async () => {
      const listing = await publishedListing(t.app, seller.auth, listingBody(categories.bikes));
      const repriced = await request(t.app)
        .patch(`/api/v1/listings/${listing.id}`)
        .set(seller.auth)
        .send({ price: { amount: 19_900, currency: 'EUR' }, quantity: 5 });
      expect(repriced.body).toMatchObject({ status: 'published', price: { amount: 19_900 }, quantity: 5 });
      const reworded = await request(t.app)
        .patch(`/api/v1/listings/${listing.id}`)
        .set(seller.auth)
        .send({ description: 'replica parfaite' });
      expect(reworded.body.status).toBe('moderation');
    });

    it('refuses unknown fields and checks attributes against a new category', async () => {
      const listing = await createListing(t.app, seller.auth, listingBody(categories.bikes));
      expectProblem(
        await request(t.app)
          .patch(`/api/v1/listings/${listing.id}`)
          .set(seller.auth)
          .send({ sellerId: 'someone', status: 'published' }),
        400,
      );
      const moved = await request(t.app)
        .patch(`/api/v1/listings/${listing.id}`)
        .set(seller.auth)
        .send({ categoryId: categories.ebikes, attributes: { condition: 'new', electric: 'no' } });
      expectProblem(moved, 400, 'LISTING_ATTRIBUTES_INVALID');
    });
  });

  it('refuses deleting a category that has listings (409)', async () => {
    await createListing(
      t.app,
      seller.auth,
      listingBody(categories.ebikes, { attributes: { condition: 'new', electric: true } }),
    );
    expectProblem(
      await request(t.app).delete(`/api/v1/categories/${categories.ebikes}`).set(admin),
      409,
      'CATEGORY_HAS_LISTINGS',
    );
  });
});
