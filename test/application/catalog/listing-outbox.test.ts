import { afterEach, describe, expect, it } from 'vitest';
import { AdjustListingStock } from '../../../src/application/catalog/adjust-listing-stock/adjust-listing-stock.js';
import { ArchiveListing } from '../../../src/application/catalog/archive-listing/archive-listing.js';
import { AutoModerator } from '../../../src/application/catalog/auto-moderator.js';
import { CategoryReader } from '../../../src/application/catalog/category-reader.js';
import { CreateCategory } from '../../../src/application/catalog/create-category/create-category.js';
import { CreateListing } from '../../../src/application/catalog/create-listing/create-listing.js';
import { ListingEvents } from '../../../src/application/catalog/listing-events.js';
import { ModerateListing } from '../../../src/application/catalog/moderate-listing/moderate-listing.js';
import { AuditLog } from '../../../src/application/catalog/ports/audit-log.js';
import { ListingRepository } from '../../../src/application/catalog/ports/listing-repository.js';
import { PublishListing } from '../../../src/application/catalog/publish-listing/publish-listing.js';
import { ReapplyAutoModeration } from '../../../src/application/catalog/reapply-auto-moderation/reapply-auto-moderation.js';
import { UpdateListing } from '../../../src/application/catalog/update-listing/update-listing.js';
import type { Topic } from '../../../src/application/shared/events/catalogue.js';
import { IdGenerator } from '../../../src/application/shared/ports/id-generator.js';
import type { OutboxRelay } from '../../../src/application/shared/outbox/outbox-relay.js';
import { OutboxRelayToken } from '../../../src/composition/outbox.js';
import { runtimeOf } from '../../../src/container.js';
import { createListing, type Listing, type ListingStatus } from '../../../src/domain/catalog/listing.js';
import { FaultPlan } from '../../support/fault-injection.js';
import { faultsAroundWrite, underFault } from '../../support/outbox-helpers.js';
import { identityFixture, type IdentityFixture } from '../identity/identity-fixture.js';

const seller = { userId: 'seller-1', roles: ['seller'] };
const admin = { userId: 'admin-1', roles: ['admin'] };

interface World {
  f: IdentityFixture;
  categoryId: string;
  /** A listing of `seller` stored as it is (no event). */
  stored(status: ListingStatus, mediaIds?: string[]): Promise<Listing>;
}

/** The app on memory with its relay stopped: only settle() publishes, so the outbox can be looked at in between. */
async function world(): Promise<World> {
  const f = await identityFixture();
  await f.container.get<OutboxRelay>(OutboxRelayToken).stop();
  const { id: categoryId } = await f.container.get(CreateCategory).execute({ adminId: admin.userId, name: 'Bikes' });
  const repository = f.container.get<ListingRepository>(ListingRepository);
  const stored = async (status: ListingStatus, mediaIds: string[] = []) => {
    const content = { title: 'Bike', description: 'Nice', categoryId, price: { amount: 100, currency: 'EUR' }, quantity: 3, attributes: {}, mediaIds };
    const draft = createListing({ id: f.container.get<IdGenerator>(IdGenerator).next(), sellerId: seller.userId, content, at: f.clock.now() });
    const listing = { ...draft, status, ...(status === 'published' ? { publishedAt: f.clock.now() } : {}) };
    await repository.create(listing, []);
    return listing;
  };
  return { f, categoryId, stored };
}

/** A catalog command on a listing, run with a (fault-wrapped) listing repository. */
interface Scenario {
  start(w: World): Promise<Listing | null>;
  run(w: World, listings: ListingRepository, start: Listing | null): Promise<unknown>;
  /** The step that writes the listing and its events. */
  write: 'listings.create' | 'listings.save';
  /** The topics it stores, in order. */
  topics: Topic[];
}

const pieces = (w: World) => ({
  events: w.f.container.get(ListingEvents),
  reader: w.f.container.get(CategoryReader),
  moderator: w.f.container.get(AutoModerator),
  audit: w.f.container.get<AuditLog>(AuditLog),
  ids: w.f.container.get<IdGenerator>(IdGenerator),
  clock: w.f.clock,
});
const verified = { assertVerifiedSeller: async () => undefined };
const content = (w: World) => ({ title: 'Bike', description: 'Nice', categoryId: w.categoryId, price: { amount: 100, currency: 'EUR' }, quantity: 1, attributes: {}, mediaIds: [] });

const scenarios: Record<string, Scenario> = {
  CreateListing: {
    start: async () => null,
    run: (w, listings) => {
      const p = pieces(w);
      return new CreateListing(listings, p.reader, p.events, p.ids, p.clock).execute(seller, content(w));
    },
    write: 'listings.create',
    topics: ['listing.created'],
  },
  UpdateListing: {
    start: (w) => w.stored('draft'),
    run: (w, listings, start) => {
      const p = pieces(w);
      return new UpdateListing(listings, p.reader, p.moderator, p.events, p.clock).execute(seller, start!.id, { quantity: 7 });
    },
    write: 'listings.save',
    topics: ['listing.updated'],
  },
  PublishListing: {
    start: (w) => w.stored('draft'),
    run: (w, listings, start) => {
      const p = pieces(w);
      return new PublishListing(listings, verified, p.moderator, p.events, p.clock).execute(seller, start!.id);
    },
    write: 'listings.save',
    topics: ['listing.published'],
  },
  ArchiveListing: {
    start: (w) => w.stored('published'),
    run: (w, listings, start) => {
      const p = pieces(w);
      return new ArchiveListing(listings, p.events, p.audit, p.ids, p.clock).execute(seller, start!.id);
    },
    write: 'listings.save',
    topics: ['listing.updated'],
  },
  ModerateListing: {
    start: (w) => w.stored('moderation'),
    run: (w, listings, start) => {
      const p = pieces(w);
      return new ModerateListing(listings, p.events, p.audit, p.ids, p.clock).execute({ adminId: admin.userId, listingId: start!.id, verdict: 'approved' });
    },
    write: 'listings.save',
    topics: ['listing.published', 'notification.send'],
  },
  ReapplyAutoModeration: {
    start: (w) => w.stored('moderation', ['media-1']),
    run: (w, listings) => {
      const p = pieces(w);
      const result = { id: 'result-1', topic: 'image.moderation.result' as const, occurredAt: p.clock.now().toISOString(), payload: { mediaId: 'media-1', verdict: 'approved' as const, labels: [] } };
      return new ReapplyAutoModeration(listings, p.moderator, p.events, p.clock).handle(result);
    },
    write: 'listings.save',
    topics: ['listing.published', 'notification.send'],
  },
  AdjustListingStock: {
    start: (w) => w.stored('published'),
    run: (w, listings, start) => {
      const order = { orderId: 'order-1', buyerId: 'buyer-1', sellerIds: [seller.userId], items: [{ listingId: start!.id, sellerId: seller.userId, quantity: 2, unitPrice: { amount: 100, currency: 'EUR' } }], total: { amount: 200, currency: 'EUR' } };
      return new AdjustListingStock(listings, pieces(w).clock).handle({ id: 'order-created-1', topic: 'order.created', occurredAt: w.f.clock.now().toISOString(), payload: order });
    },
    write: 'listings.save',
    topics: [],
  },
};

/** What the command may change: the listing it works on, or for a creation every listing of the seller. */
async function stateOf(w: World, start: Listing | null): Promise<unknown> {
  const listings = w.f.container.get<ListingRepository>(ListingRepository);
  if (start) return listings.findById(start.id);
  return (await listings.listByStatus('draft', { limit: 100 })).items;
}

async function stepsOf(scenario: Scenario): Promise<string[]> {
  const w = await world();
  const plan = new FaultPlan();
  await scenario.run(w, plan.wrap('listings', w.f.container.get<ListingRepository>(ListingRepository)), await scenario.start(w));
  await runtimeOf(w.f.container).closeAll(() => undefined);
  return plan.steps;
}

describe('catalog commands store their events with the listing (outbox), under every fault', () => {
  const open: World[] = [];
  afterEach(async () => {
    for (const w of open.splice(0)) await runtimeOf(w.f.container).closeAll(() => undefined);
  });

  for (const [name, scenario] of Object.entries(scenarios)) {
    it(`${name}: a failed write changes nothing and stores no event; a crash after it loses none (published once)`, async () => {
      for (const { fault, written } of faultsAroundWrite(await stepsOf(scenario), scenario.write)) {
        const w = await world();
        open.push(w);
        const start = await scenario.start(w);
        await w.f.settle();
        const before = await stateOf(w, start);
        const publishedBefore = w.f.published.length;
        const plan = new FaultPlan(fault);
        await underFault(() => scenario.run(w, plan.wrap('listings', w.f.container.get<ListingRepository>(ListingRepository)), start));
        const label = `${name}, ${fault.mode} at step ${fault.at} of ${plan.steps.join(' > ')}`;
        expect(w.f.published.length, `${label}: nothing is published by the command itself`).toBe(publishedBefore);
        const pending = w.f.outbox.peek();
        expect(pending.map((e) => e.topic), label).toEqual(written ? scenario.topics : []);
        await w.f.settle();
        const published = w.f.published.slice(publishedBefore);
        expect(published.map((e) => e.id), `${label}: the relay publishes each stored event once`).toEqual(pending.map((e) => e.id));
        expect(w.f.outbox.peek(), label).toEqual([]);
        if (written) expect(await stateOf(w, start), label).not.toEqual(before);
        else expect(await stateOf(w, start), label).toEqual(before);
      }
    });
  }
});
