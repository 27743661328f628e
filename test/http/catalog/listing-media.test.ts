import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signInAdmin, TEST_ADMIN, verifiedSeller, type SignedIn } from '../../support/http-helpers.js';
import { createListeningTestApp, type ListeningTestApp } from '../../support/listening-app.js';
import { createListing, listingBody, seedBikeCategories } from '../../support/catalog-helpers.js';

/**
 * Catalog and media together: a listing waits in moderation for its photo, and is published when the photo is approved.
 */
describe('HTTP listing with media through the embedded store', () => {
  let t: ListeningTestApp;
  let admin: { Authorization: string };
  let seller: SignedIn;
  let categoryId: string;
  const bytes = new Uint8Array(randomBytes(2048));

  beforeAll(async () => {
    t = await createListeningTestApp(TEST_ADMIN);
    admin = await signInAdmin(t.app);
    seller = await verifiedSeller(t.app, admin);
    categoryId = (await seedBikeCategories(t.app, admin)).bikes;
  });
  afterAll(() => t.close());

  const uploadedMedia = async (): Promise<string> => {
    const upload = await request(t.app)
      .post('/api/v1/media/uploads')
      .set(seller.auth)
      .send({ contentType: 'image/webp', size: bytes.length, filename: 'bike.webp' });
    const put = await fetch(upload.body.uploadUrl, {
      method: upload.body.method,
      headers: upload.body.headers,
      body: bytes,
    });
    expect(put.ok).toBe(true);
    expect(
      (await request(t.app).post(`/api/v1/media/${upload.body.mediaId}/complete`).set(seller.auth)).body.status,
    ).toBe('pending_moderation');
    return upload.body.mediaId;
  };

  it('holds a listing for its pending photo, then publishes it when an admin approves the photo', async () => {
    const mediaId = await uploadedMedia();
    const listing = await createListing(t.app, seller.auth, listingBody(categoryId, { mediaIds: [mediaId] }));
    const held = await request(t.app).post(`/api/v1/listings/${listing.id}/publish`).set(seller.auth);
    expect(held.body).toMatchObject({ status: 'moderation', moderationReason: `media not approved yet: ${mediaId}` });

    expect(
      (await request(t.app).post(`/api/v1/admin/media/${mediaId}/moderation`).set(admin).send({ verdict: 'approved' }))
        .status,
    ).toBe(200);
    await vi.waitFor(
      async () => expect((await request(t.app).get(`/api/v1/listings/${listing.id}`)).body.status).toBe('published'),
      { timeout: 5000, interval: 50 },
    );
  });

  it('publishes at once when every photo is already approved, and keeps it in moderation when a photo is rejected', async () => {
    const approved = await uploadedMedia();
    await request(t.app).post(`/api/v1/admin/media/${approved}/moderation`).set(admin).send({ verdict: 'approved' });
    const listing = await createListing(t.app, seller.auth, listingBody(categoryId, { mediaIds: [approved] }));
    expect((await request(t.app).post(`/api/v1/listings/${listing.id}/publish`).set(seller.auth)).body.status).toBe(
      'published',
    );

    const rejected = await uploadedMedia();
    const other = await createListing(t.app, seller.auth, listingBody(categoryId, { mediaIds: [rejected] }));
    await request(t.app).post(`/api/v1/listings/${other.id}/publish`).set(seller.auth);
    await request(t.app).post(`/api/v1/admin/media/${rejected}/moderation`).set(admin).send({ verdict: 'rejected' });
    const queue = await request(t.app).get('/api/v1/admin/moderation/listings').set(admin);
    expect(queue.body.items.map((l: { id: string }) => l.id)).toContain(other.id);
    expect((await request(t.app).get(`/api/v1/listings/${other.id}`).set(seller.auth)).body.status).toBe('moderation');
  });

  it("treats someone else's media as not approved", async () => {
    const intruder = await verifiedSeller(t.app, admin);
    const mediaId = await uploadedMedia();
    await request(t.app).post(`/api/v1/admin/media/${mediaId}/moderation`).set(admin).send({ verdict: 'approved' });
    const listing = await createListing(t.app, intruder.auth, listingBody(categoryId, { mediaIds: [mediaId] }));
    expect((await request(t.app).post(`/api/v1/listings/${listing.id}/publish`).set(intruder.auth)).body.status).toBe(
      'moderation',
    );
  });
});
