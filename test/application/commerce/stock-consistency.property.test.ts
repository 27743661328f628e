import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddToCart } from '../../../src/application/cart/add-to-cart/add-to-cart.js';
import { ChangeCartQuantity } from '../../../src/application/cart/change-cart-quantity/change-cart-quantity.js';
import { StockLedger } from '../../../src/application/cart/ports/stock-ledger.js';
import { RemoveFromCart } from '../../../src/application/cart/remove-from-cart/remove-from-cart.js';
import { SweepExpiredReservations } from '../../../src/application/cart/sweep-expired-reservations/sweep-expired-reservations.js';
import { CreateCategory } from '../../../src/application/catalog/create-category/create-category.js';
import { ListingRepository } from '../../../src/application/catalog/ports/listing-repository.js';
import { CancelOrder } from '../../../src/application/orders/cancel-order/cancel-order.js';
import { CreateOrder } from '../../../src/application/orders/create-order/create-order.js';
import { draftListing } from '../../support/listing-drafts.js';
import { identityFixture, type IdentityFixture } from '../identity/identity-fixture.js';

/**
 * The consistency invariant of stock, checked after every step of random sequences of reserve,
 * change, release, expire, order and cancel (memory adapters):
 *   1. in the ledger, available + reserved = onHand, and none is negative;
 *   2. stock on hand in the ledger = the listing's quantity in the repository (MongoDB's role);
 *   3. onHand = initial stock - units in orders that are not cancelled.
 */
const BUYERS = ['b1', 'b2', 'b3'];
const STOCK = [3, 5];
const address = { name: 'Ada', line1: '1 rue', city: 'Paris', postalCode: '75001', country: 'FR' };

type Step =
  | { kind: 'add'; buyer: number; listing: number; quantity: number }
  | { kind: 'change'; buyer: number; listing: number; quantity: number }
  | { kind: 'remove'; buyer: number; listing: number }
  | { kind: 'expire'; minutes: number }
  | { kind: 'order'; buyer: number }
  | { kind: 'cancel'; order: number };

const buyer = fc.integer({ min: 0, max: BUYERS.length - 1 });
const listing = fc.integer({ min: 0, max: STOCK.length - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), buyer, listing, quantity: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('change' as const), buyer, listing, quantity: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ kind: fc.constant('remove' as const), buyer, listing }),
  fc.record({ kind: fc.constant('expire' as const), minutes: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('order' as const), buyer }),
  fc.record({ kind: fc.constant('cancel' as const), order: fc.nat() }),
);

interface World {
  f: IdentityFixture;
  listingIds: string[];
  orders: { id: string; items: { listingId: string; quantity: number }[]; cancelled: boolean }[];
  keys: number;
}

async function setUp(): Promise<World> {
  const f = await identityFixture();
  const category = await f.container.get(CreateCategory).execute({ adminId: 'admin', name: 'Things' });
  const listings = f.container.get<ListingRepository>(ListingRepository);
  const listingIds: string[] = [];
  for (const quantity of STOCK) {
    const draft = await draftListing(f.container, category.id, quantity);
    await listings.save({ ...draft, status: 'published', publishedAt: f.clock.now(), version: draft.version + 1 }, []);
    await f.container.get<StockLedger>(StockLedger).setOnHand(draft.id, quantity);
    listingIds.push(draft.id);
  }
  return { f, listingIds, orders: [], keys: 0 };
}

/** Expected business failures (409 and 404 of the API) are part of the sequences; anything else is a bug. */
async function tolerate(action: () => Promise<unknown>): Promise<unknown> {
  try {
    return await action();
  } catch (error) {
    const kind = (error as { kind?: string }).kind;
    if (kind === 'conflict' || kind === 'not_found') return undefined;
    throw error;
  }
}

async function apply(w: World, s: Step): Promise<void> {
  const c = w.f.container;
  const who = (i: number) => BUYERS[i]!;
  const id = (i: number) => w.listingIds[i]!;
  switch (s.kind) {
    case 'add':
      return void (await tolerate(() => c.get(AddToCart).execute(who(s.buyer), id(s.listing), s.quantity)));
    case 'change':
      return void (await tolerate(() => c.get(ChangeCartQuantity).execute(who(s.buyer), id(s.listing), s.quantity)));
    case 'remove':
      return void (await tolerate(() => c.get(RemoveFromCart).execute(who(s.buyer), id(s.listing))));
    case 'expire':
      w.f.clock.advance(s.minutes * 60_000);
      await c.get(SweepExpiredReservations).execute();
      return;
    case 'order': {
      w.keys += 1;
      const order = await tolerate(() =>
        c
          .get(CreateOrder)
          .execute({ buyerId: who(s.buyer), idempotencyKey: `key-${w.keys}`, shippingAddress: address }),
      );
      if (order)
        w.orders.push({
          ...(order as { id: string; items: { listingId: string; quantity: number }[] }),
          cancelled: false,
        });
      return;
    }
    case 'cancel': {
      const target = w.orders[s.order % Math.max(1, w.orders.length)];
      if (!target) return;
      const done = await tolerate(() => c.get(CancelOrder).execute({ userId: 'admin', roles: ['admin'] }, target.id));
      if (done) target.cancelled = true;
      return;
    }
  }
}

async function assertInvariant(w: World): Promise<void> {
  await w.f.settle();
  for (const [i, listingId] of w.listingIds.entries()) {
    const level = (await w.f.container.get<StockLedger>(StockLedger).level(listingId))!;
    const listing = (await w.f.container.get<ListingRepository>(ListingRepository).findById(listingId))!;
    const sold = w.orders
      .filter((o) => !o.cancelled)
      .flatMap((o) => o.items)
      .filter((item) => item.listingId === listingId)
      .reduce((n, item) => n + item.quantity, 0);
    expect(level.available + level.reserved).toBe(level.onHand);
    expect(Math.min(level.available, level.reserved, level.onHand)).toBeGreaterThanOrEqual(0);
    expect(listing.quantity).toBe(level.onHand);
    expect(level.onHand).toBe(STOCK[i]! - sold);
  }
}

describe('stock consistency (property, memory adapters)', () => {
  it('holds after every step of random cart and order sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const world = await setUp();
        try {
          for (const s of steps) {
            await apply(world, s);
            await assertInvariant(world);
          }
        } finally {
          await world.f.close();
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
