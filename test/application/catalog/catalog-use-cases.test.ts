import { beforeEach, describe, expect, it } from 'vitest';
import { CreateCategory } from '../../../src/application/catalog/create-category/create-category.js';
import { CreateListing } from '../../../src/application/catalog/create-listing/create-listing.js';
import { GetListing } from '../../../src/application/catalog/get-listing/get-listing.js';
import { ListingRepository } from '../../../src/application/catalog/ports/listing-repository.js';
import { MediaStatusLookup } from '../../../src/application/catalog/ports/media-status-lookup.js';
import { ReapplyAutoModeration } from '../../../src/application/catalog/reapply-auto-moderation/reapply-auto-moderation.js';
import { UpdateCategory } from '../../../src/application/catalog/update-category/update-category.js';
import { UpdateListing } from '../../../src/application/catalog/update-listing/update-listing.js';
import type { EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import type { Listing } from '../../../src/domain/catalog/listing.js';
import { identityFixture, type IdentityFixture } from '../identity/identity-fixture.js';

const admin = { userId: 'admin-1', roles: ['admin'] };
const seller = { userId: 'seller-1', roles: ['seller'] };

describe('catalog use cases on the in-memory adapters', () => {
  let f: IdentityFixture;
  let categoryId: string;
  beforeEach(async () => {
    f = await identityFixture();
    const category = await f.container.get(CreateCategory).execute({
      adminId: admin.userId,
      name: 'Bikes',
      attributes: [{ key: 'size', label: 'Size', type: 'number', required: false }],
    });
    categoryId = category.id;
  });

  const draft = (mediaIds: string[] = []) =>
    f.container.get(CreateListing).execute(seller, {
      title: 'Bike',
      description: 'Nice',
      categoryId,
      price: { amount: 100, currency: 'EUR' },
      quantity: 1,
      attributes: {},
      mediaIds,
    });

  it('refuses a new own attribute that a descendant already defines (409)', async () => {
    await f.container.get(CreateCategory).execute({
      adminId: admin.userId,
      name: 'Road',
      parentId: categoryId,
      attributes: [{ key: 'gears', label: 'Gears', type: 'number', required: false }],
    });
    await expect(
      f.container.get(UpdateCategory).execute({
        adminId: admin.userId,
        id: categoryId,
        attributes: [{ key: 'gears', label: 'Gears', type: 'number', required: false }],
      }),
    ).rejects.toMatchObject({ code: 'CATEGORY_ATTRIBUTE_REDEFINED' });
  });

  it('publishes a listing held for its media when the media verdict arrives, and only then', async () => {
    const listing = await draft(['media-1']);
    const listings = f.container.get<ListingRepository>(ListingRepository);
    const held: Listing = { ...listing, status: 'moderation', version: listing.version + 1 };
    await listings.save(held, []);
    const result = (verdict: 'approved' | 'rejected'): EventEnvelope<'image.moderation.result'> => ({
      id: `evt-${verdict}`,
      topic: 'image.moderation.result',
      occurredAt: f.clock.now().toISOString(),
      payload: { mediaId: 'media-1', verdict, labels: [] },
    });
    // The media lookup does not know media-1 (not uploaded through the media module): the event's verdict decides.
    await f.container.get(ReapplyAutoModeration).handle(result('rejected'));
    expect((await f.container.get(GetListing).execute(listing.id, seller)).listing.status).toBe('moderation');
    await f.container.get(ReapplyAutoModeration).handle(result('approved'));
    expect((await f.container.get(GetListing).execute(listing.id, seller)).listing.status).toBe('published');
    await f.settle();
    expect(f.published.map((e) => e.topic)).toEqual(expect.arrayContaining(['listing.published', 'notification.send']));
    expect(f.container.isBound(MediaStatusLookup)).toBe(true);
  });

  it('never loses an edit: of racing edits, those that read a stale version get LISTING_CONCURRENT_UPDATE', async () => {
    const listing = await draft();
    const update = f.container.get(UpdateListing);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => update.execute(seller, listing.id, { quantity: i + 1 })),
    );
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled.length).toBeGreaterThanOrEqual(1);
    expect(rejected.length).toBeGreaterThanOrEqual(1);
    expect(rejected.every((r) => r.reason.code === 'LISTING_CONCURRENT_UPDATE')).toBe(true);
    const { listing: stored } = await f.container.get(GetListing).execute(listing.id, seller);
    expect(stored.version).toBe(listing.version + fulfilled.length);
  });
});
