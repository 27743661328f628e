import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisKeyPrefix, RedisToken } from '../../../src/adapters/redis/redis-connection.js';
import { AddToCart } from '../../../src/application/cart/add-to-cart/add-to-cart.js';
import { StockLedger } from '../../../src/application/cart/ports/stock-ledger.js';
import { CartApi } from '../../../src/application/cart/public.js';
import { SyncStockFromListing } from '../../../src/application/cart/sync-stock-from-listing/sync-stock-from-listing.js';
import { CreateCategory } from '../../../src/application/catalog/create-category/create-category.js';
import { ListingEvents } from '../../../src/application/catalog/listing-events.js';
import { ListingRepository } from '../../../src/application/catalog/ports/listing-repository.js';
import type { Listing } from '../../../src/domain/catalog/listing.js';
import { describeWithService, uniqueName } from '../../support/real-services.js';
import { draftListing } from '../../support/listing-drafts.js';
import { quietRelayFixture, type IdentityFixture } from '../identity/identity-fixture.js';

/*
 * The ledger learns a listing's stock from `listing.published` through the outbox. These cases
 * hold the relay (the event waits in the outbox) to show that a buyer or an auction coming first
 * finds the stock, and that the late event, or a later one about another field, never gives back
 * units sold meanwhile.
 */
function stockSeedingSuite(env: Record<string, string>): void {
  let f: IdentityFixture;
  afterEach(async () => {
    const c = f.container;
    if (c.isBound(RedisToken)) {
      const redis = c.get<Redis>(RedisToken);
      const keys = await redis.keys(`${c.get<string>(RedisKeyPrefix)}*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    await f.close();
  });

  async function world() {
    f = await quietRelayFixture(env.REDIS_URL ? { ...env, REDIS_KEY_PREFIX: `${uniqueName('uty_seed')}:` } : env);
    const c = f.container;
    const category = await c.get(CreateCategory).execute({ adminId: 'admin', name: 'Things' });
    const listings = c.get<ListingRepository>(ListingRepository);
    const events = c.get(ListingEvents);
    const ledger = c.get<StockLedger>(StockLedger);
    await f.settle();
    /** A listing of `quantity` published now: its listing.published stays in the outbox until settle(). */
    const publish = async (quantity: number, status: Listing['status'] = 'published'): Promise<Listing> => {
      const draft = await draftListing(c, category.id, quantity);
      const after: Listing = { ...draft, status, publishedAt: f.clock.now(), version: draft.version + 1 };
      await listings.save(after, [events.changed(draft, after, [])]);
      return after;
    };
    const inAMinute = () => new Date(f.clock.now().getTime() + 60_000);
    return { c, ledger, events, publish, inAMinute };
  }

  it('a buyer who adds to the cart before the ledger knows the listing gets the units; the late event changes nothing', async () => {
    const { c, ledger, publish } = await world();
    const listing = await publish(3);
    expect(await ledger.level(listing.id)).toBeNull();

    const cart = await c.get(AddToCart).execute('buyer', listing.id, 2);
    expect(cart.items).toEqual([expect.objectContaining({ listingId: listing.id, quantity: 2 })]);
    expect(await ledger.level(listing.id)).toEqual({ listingId: listing.id, onHand: 3, reserved: 2, available: 1 });

    await f.settle();
    expect(await ledger.level(listing.id)).toEqual({ listingId: listing.id, onHand: 3, reserved: 2, available: 1 });
  });

  it('units sold before the late listing.published stay sold', async () => {
    const { c, ledger, publish } = await world();
    const listing = await publish(3);
    await c.get(AddToCart).execute('buyer', listing.id, 2);
    const sold = await ledger.commit('order-1', 'buyer', [{ listingId: listing.id, quantity: 2 }], f.clock.now());
    expect(sold.ok).toBe(true);

    await f.settle();
    expect(await ledger.level(listing.id)).toEqual({ listingId: listing.id, onHand: 1, reserved: 0, available: 1 });
  });

  it('many buyers racing the first hold of a just-published listing: never more held than its quantity', async () => {
    const { c, ledger, publish } = await world();
    const listing = await publish(5);
    const adds = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => c.get(AddToCart).execute(`buyer-${i}`, listing.id, 1)),
    );
    expect(adds.filter((add) => add.status === 'fulfilled')).toHaveLength(5);
    await f.settle();
    expect(await ledger.level(listing.id)).toEqual({ listingId: listing.id, onHand: 5, reserved: 5, available: 0 });
  });

  it("a seller's auction right after publication holds its unit; a listing that is not published is not seeded", async () => {
    const { c, ledger, publish, inAMinute } = await world();
    const cart = c.get<CartApi>(CartApi);
    const listing = await publish(2);
    expect(await cart.holdForAuction(listing.id, 'auction-1', inAMinute(), f.clock.now())).toBe('held');
    expect(await ledger.level(listing.id)).toMatchObject({ onHand: 2, reserved: 1 });

    const inModeration = await publish(2, 'moderation');
    expect(await cart.holdForAuction(inModeration.id, 'auction-2', inAMinute(), f.clock.now())).toBe('unknown_listing');
    expect(await cart.holdForAuction('no-such-listing', 'auction-3', inAMinute(), f.clock.now())).toBe(
      'unknown_listing',
    );
    expect(await ledger.level(inModeration.id)).toBeNull();
  });

  it('listing.updated moves stock on hand only when the quantity was edited; a listing published again is not reset', async () => {
    const { c, ledger, events, publish } = await world();
    const sync = c.get(SyncStockFromListing);
    const listing = await publish(5);
    await f.settle();
    await c.get(AddToCart).execute('buyer', listing.id, 2);
    await ledger.commit('order-1', 'buyer', [{ listingId: listing.id, quantity: 2 }], f.clock.now());
    // The catalog's quantity (a projection moved by order.created) still says 5.
    const titled = { ...listing, title: 'Renamed', version: listing.version + 1 };
    await sync.handle(events.changed(listing, titled, ['title']) as never);
    expect(await ledger.level(listing.id)).toMatchObject({ onHand: 3 });

    const again = { ...listing, status: 'published' as const };
    await sync.handle(events.changed({ ...listing, status: 'moderation' }, again, []) as never);
    expect(await ledger.level(listing.id)).toMatchObject({ onHand: 3 });

    const restocked = { ...listing, quantity: 10, version: listing.version + 2 };
    await sync.handle(events.changed(listing, restocked, ['quantity']) as never);
    expect(await ledger.level(listing.id)).toMatchObject({ onHand: 10 });
  });

  it('a quantity edit seeds a published listing the ledger does not know yet, never a draft', async () => {
    const { c, ledger, events, publish } = await world();
    const sync = c.get(SyncStockFromListing);
    const published = await publish(5);
    await sync.handle(events.changed(published, { ...published, quantity: 8 }, ['quantity']) as never);
    expect(await ledger.level(published.id)).toMatchObject({ onHand: 8 });

    const draft = await publish(5, 'draft');
    await sync.handle(events.changed(draft, { ...draft, quantity: 8 }, ['quantity']) as never);
    expect(await ledger.level(draft.id)).toBeNull();

    await f.settle();
    expect(await ledger.level(published.id)).toMatchObject({ onHand: 8 });
  });
}

describe('Stock seeding: holds that come before listing.published, and events that come late', () => {
  stockSeedingSuite({});
});

describeWithService('REDIS_URL', 'Stock seeding on the Redis ledger', (url) => stockSeedingSuite({ REDIS_URL: url }));
