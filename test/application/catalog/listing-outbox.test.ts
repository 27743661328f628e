import { describe, it } from 'vitest';
import { AdjustListingStock } from '../../../src/application/catalog/adjust-listing-stock/adjust-listing-stock.js';
import { ArchiveListing } from '../../../src/application/catalog/archive-listing/archive-listing.js';
import { AutoModerator } from '../../../src/application/catalog/auto-moderator.js';
import { CategoryReader } from '../../../src/application/catalog/category-reader.js';
import { CreateCategory } from '../../../src/application/catalog/create-category/create-category.js';
import { CreateListing } from '../../../src/application/catalog/create-listing/create-listing.js';
import { ListingEvents } from '../../../src/application/catalog/listing-events.js';
import { ModerateListing } from '../../../src/application/catalog/moderate-listing/moderate-listing.js';
import { ListingRepository } from '../../../src/application/catalog/ports/listing-repository.js';
import { PublishListing } from '../../../src/application/catalog/publish-listing/publish-listing.js';
import { ReapplyAutoModeration } from '../../../src/application/catalog/reapply-auto-moderation/reapply-auto-moderation.js';
import { UpdateListing } from '../../../src/application/catalog/update-listing/update-listing.js';
import type { Topic } from '../../../src/application/shared/events/catalogue.js';
import { IdGenerator } from '../../../src/application/shared/ports/id-generator.js';
import { createListing, type Listing, type ListingStatus } from '../../../src/domain/catalog/listing.js';
import type { FaultPlan } from '../../support/fault-injection.js';
import { expectEventsStoredWithState, type OutboxWorld } from '../../support/outbox-helpers.js';
import { quietRelayFixture, type IdentityFixture } from '../identity/identity-fixture.js';

const seller = { userId: 'seller-1', roles: ['seller'] };
const admin = { userId: 'admin-1', roles: ['admin'] };
const verifiedSeller = { assertVerifiedSeller: async () => undefined };

interface World extends IdentityFixture, OutboxWorld {
  categoryId: string;
  /** The listing the command works on (null for a creation). */
  listing: Listing | null;
  /** The listing repository, wrapped by the fault plan. */
  listings(plan: FaultPlan): ListingRepository;
  events: ListingEvents;
  reader: CategoryReader;
  moderator: AutoModerator;
  ids: IdGenerator;
}

/** The app on memory (relay quiet) with a category, and a listing of `seller` in `status` stored without events. */
async function world(status: ListingStatus | null, mediaIds: string[] = []): Promise<World> {
  const f = await quietRelayFixture();
  const { id: categoryId } = await f.container.get(CreateCategory).execute({ adminId: admin.userId, name: 'Bikes' });
  const repository = f.container.get<ListingRepository>(ListingRepository);
  const ids = f.container.get<IdGenerator>(IdGenerator);
  let listing: Listing | null = null;
  if (status) {
    const content = {
      title: 'Bike',
      description: 'Nice',
      categoryId,
      price: { amount: 100, currency: 'EUR' },
      quantity: 3,
      attributes: {},
      mediaIds,
    };
    const draft = createListing({ id: ids.next(), sellerId: seller.userId, content, at: f.clock.now() });
    listing = { ...draft, status, ...(status === 'published' ? { publishedAt: f.clock.now() } : {}) };
    await repository.create(listing, []);
  }
  return {
    ...f,
    categoryId,
    listing,
    listings: (plan) => plan.wrap('listings', repository),
    events: f.container.get(ListingEvents),
    reader: f.container.get(CategoryReader),
    moderator: f.container.get(AutoModerator),
    ids,
  };
}

/** The listing the command works on, or for a creation every draft. */
async function stateOf(w: World): Promise<unknown> {
  const listings = w.container.get<ListingRepository>(ListingRepository);
  return w.listing ? listings.findById(w.listing.id) : (await listings.listByStatus('draft', { limit: 100 })).items;
}

interface Scenario {
  start: [ListingStatus | null, string[]?];
  run(w: World, plan: FaultPlan): Promise<unknown>;
  write: 'listings.create' | 'listings.save';
  topics: Topic[];
}

const orderOf = (listingId: string) => ({
  orderId: 'order-1',
  buyerId: 'buyer-1',
  sellerIds: [seller.userId],
  items: [{ listingId, sellerId: seller.userId, quantity: 2, unitPrice: { amount: 100, currency: 'EUR' } }],
  total: { amount: 200, currency: 'EUR' },
});

const scenarios: Record<string, Scenario> = {
  CreateListing: {
    start: [null],
    run: (w, plan) =>
      new CreateListing(w.listings(plan), w.reader, w.events, w.ids, w.clock).execute(seller, {
        title: 'Bike',
        description: 'Nice',
        categoryId: w.categoryId,
        price: { amount: 100, currency: 'EUR' },
        quantity: 1,
        attributes: {},
        mediaIds: [],
      }),
    write: 'listings.create',
    topics: ['listing.created'],
  },
  UpdateListing: {
    start: ['draft'],
    run: (w, plan) =>
      new UpdateListing(w.listings(plan), w.reader, w.moderator, w.events, w.clock).execute(seller, w.listing!.id, {
        quantity: 7,
      }),
    write: 'listings.save',
    topics: ['listing.updated'],
  },
  PublishListing: {
    start: ['draft'],
    run: (w, plan) =>
      new PublishListing(w.listings(plan), verifiedSeller, w.moderator, w.events, w.clock).execute(
        seller,
        w.listing!.id,
      ),
    write: 'listings.save',
    topics: ['listing.published'],
  },
  ArchiveListing: {
    start: ['published'],
    run: (w, plan) => new ArchiveListing(w.listings(plan), w.events, w.clock).execute(seller, w.listing!.id),
    write: 'listings.save',
    topics: ['listing.updated'],
  },
  ModerateListing: {
    start: ['moderation'],
    run: (w, plan) =>
      new ModerateListing(w.listings(plan), w.events, w.clock).execute({
        adminId: admin.userId,
        listingId: w.listing!.id,
        verdict: 'approved',
      }),
    write: 'listings.save',
    topics: ['listing.published', 'notification.send', 'admin.action'],
  },
  ReapplyAutoModeration: {
    start: ['moderation', ['media-1']],
    run: (w, plan) =>
      new ReapplyAutoModeration(w.listings(plan), w.moderator, w.events, w.clock).handle({
        id: 'result-1',
        topic: 'image.moderation.result',
        occurredAt: w.clock.now().toISOString(),
        payload: { mediaId: 'media-1', verdict: 'approved', labels: [] },
      }),
    write: 'listings.save',
    topics: ['listing.published', 'notification.send'],
  },
  AdjustListingStock: {
    start: ['published'],
    run: (w, plan) =>
      new AdjustListingStock(w.listings(plan), w.clock).handle({
        id: 'order-created-1',
        topic: 'order.created',
        occurredAt: w.clock.now().toISOString(),
        payload: orderOf(w.listing!.id),
      }),
    write: 'listings.save',
    topics: [],
  },
};

describe('catalog commands store their events with the listing (outbox), under every fault', () => {
  for (const [name, scenario] of Object.entries(scenarios)) {
    it(`${name}: a failed write changes nothing and stores no event; a crash after it loses none (published once)`, async () => {
      await expectEventsStoredWithState({
        world: () => world(...scenario.start),
        run: scenario.run,
        state: stateOf,
        write: scenario.write,
        topics: scenario.topics,
      });
    });
  }
});
