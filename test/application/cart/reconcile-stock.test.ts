import { afterEach, describe, expect, it } from 'vitest';
import { StockLedger } from '../../../src/application/cart/ports/stock-ledger.js';
import { ReconcileStock } from '../../../src/application/cart/reconcile-stock/reconcile-stock.js';
import { CreateCategory } from '../../../src/application/catalog/create-category/create-category.js';
import { ListingRepository } from '../../../src/application/catalog/ports/listing-repository.js';
import { draftListing } from '../../support/listing-drafts.js';
import { quietRelayFixture, type IdentityFixture } from '../identity/identity-fixture.js';
import { sampleEvent } from '../../support/outbox-helpers.js';

describe('ReconcileStock', () => {
  let f: IdentityFixture;
  afterEach(() => f.close());

  async function world() {
    f = await quietRelayFixture();
    const category = await f.container.get(CreateCategory).execute({ adminId: 'admin', name: 'Things' });
    const listings = f.container.get<ListingRepository>(ListingRepository);
    const make = async (quantity: number, published = true) => {
      const draft = await draftListing(f.container, category.id, quantity);
      if (published)
        await listings.save(
          { ...draft, status: 'published', publishedAt: f.clock.now(), version: draft.version + 1 },
          [],
        );
      return draft.id;
    };
    const quantityOf = async (listingId: string) => (await listings.findById(listingId))?.quantity;
    await f.settle();
    return {
      make,
      quantityOf,
      ledger: f.container.get<StockLedger>(StockLedger),
      reconcile: f.container.get(ReconcileStock),
    };
  }

  it('re-seeds published listings the ledger lost, leaves agreeing ones and drafts alone', async () => {
    const { make, ledger, reconcile } = await world();
    const lost = await make(7);
    const known = await make(5);
    const draft = await make(3, false);
    await ledger.setOnHand(known, 5);
    await ledger.hold(known, 'buyer', 2, new Date(f.clock.now().getTime() + 60_000), f.clock.now());

    expect(await reconcile.execute()).toEqual({ reseeded: [lost], repaired: [], watched: [] });
    expect(await ledger.level(lost)).toMatchObject({ onHand: 7, available: 7 });
    expect(await ledger.level(known)).toMatchObject({ onHand: 5, reserved: 2, available: 3 });
    expect(await ledger.level(draft)).toBeNull();
  });

  it('repairs every drifted listing from the ledger (the source of truth) once the drift is seen on two passes', async () => {
    const { make, quantityOf, ledger, reconcile } = await world();
    const drifted = await make(8);
    const fine = await make(4);
    await ledger.setOnHand(drifted, 5);
    await ledger.hold(drifted, 'buyer', 2, new Date(f.clock.now().getTime() + 60_000), f.clock.now());
    await ledger.setOnHand(fine, 4);
    await f.settle();

    const drift = { listingId: drifted, listingQuantity: 8, onHand: 5 };
    expect(await reconcile.execute()).toEqual({ reseeded: [], repaired: [], watched: [drift] });
    expect(await quantityOf(drifted)).toBe(8);
    expect(await reconcile.execute()).toEqual({ reseeded: [], repaired: [drift], watched: [] });
    expect(await quantityOf(drifted)).toBe(5);
    expect(await quantityOf(fine)).toBe(4);
    expect(await ledger.level(drifted)).toMatchObject({ onHand: 5, reserved: 2 });
    expect(await reconcile.execute()).toEqual({ reseeded: [], repaired: [], watched: [] });
  });

  it('leaves a difference alone while events are pending or while it moves (events in flight close it)', async () => {
    const { make, quantityOf, ledger, reconcile } = await world();
    const listingId = await make(8);
    await ledger.setOnHand(listingId, 5);
    f.outbox.append('elsewhere', [sampleEvent('pending-1')]);
    await reconcile.execute();
    expect((await reconcile.execute()).repaired).toEqual([]);
    await f.settle();
    await ledger.setOnHand(listingId, 6);
    await f.settle();
    expect(await reconcile.execute()).toMatchObject({
      repaired: [],
      watched: [{ listingId, listingQuantity: 8, onHand: 6 }],
    });
    expect(await quantityOf(listingId)).toBe(8);
    expect((await reconcile.execute()).repaired).toEqual([{ listingId, listingQuantity: 8, onHand: 6 }]);
    expect(await quantityOf(listingId)).toBe(6);
  });
});
