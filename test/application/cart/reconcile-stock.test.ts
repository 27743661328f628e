import { describe, expect, it } from 'vitest';
import { StockLedger } from '../../../src/application/cart/ports/stock-ledger.js';
import { ReconcileStock } from '../../../src/application/cart/reconcile-stock/reconcile-stock.js';
import { CreateCategory } from '../../../src/application/catalog/create-category/create-category.js';
import { CreateListing } from '../../../src/application/catalog/create-listing/create-listing.js';
import { ListingRepository } from '../../../src/application/catalog/ports/listing-repository.js';
import { identityFixture } from '../identity/identity-fixture.js';

describe('ReconcileStock', () => {
  it('re-seeds published listings the ledger lost, leaves known ones and drafts alone', async () => {
    const f = await identityFixture();
    const category = await f.container.get(CreateCategory).execute({ adminId: 'admin', name: 'Things' });
    const listings = f.container.get<ListingRepository>(ListingRepository);
    const ledger = f.container.get<StockLedger>(StockLedger);
    const make = async (quantity: number, published: boolean) => {
      const draft = await f.container.get(CreateListing).execute(
        { userId: 'seller', roles: ['seller'] },
        { title: 'Thing', description: '', categoryId: category.id, price: { amount: 100, currency: 'EUR' }, quantity, attributes: {}, mediaIds: [] },
      );
      if (published) await listings.save({ ...draft, status: 'published', publishedAt: f.clock.now(), version: draft.version + 1 }, []);
      return draft.id;
    };
    const lost = await make(7, true);
    const known = await make(5, true);
    const draft = await make(3, false);
    await ledger.setOnHand(known, 5);
    await ledger.hold(known, 'buyer', 2, new Date(f.clock.now().getTime() + 60_000), f.clock.now());

    expect(await f.container.get(ReconcileStock).execute()).toBe(1);
    expect(await ledger.level(lost)).toMatchObject({ onHand: 7, available: 7 });
    expect(await ledger.level(known)).toMatchObject({ onHand: 5, reserved: 2, available: 3 });
    expect(await ledger.level(draft)).toBeNull();
  });
});
