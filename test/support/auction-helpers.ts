import type { Express } from 'express';
import request from 'supertest';
import { expect, vi } from 'vitest';
import { StockLedger } from '../../src/application/cart/ports/stock-ledger.js';
import { listingBody, publishedListing, seedBikeCategories } from './catalog-helpers.js';
import { signInAdmin, verifiedSeller, type SignedIn } from './http-helpers.js';
import type { TestApp } from './test-app.js';

export const euros = (amount: number) => ({ amount, currency: 'EUR' });

/** A verified seller with a category to list in, and shortcuts to auction and bid over HTTP. */
export interface AuctionWorld {
  admin: { Authorization: string };
  seller: SignedIn;
  categoryId: string;
  /** A published listing of `owner` with `quantity` units, seeded in the stock ledger. */
  listingOf(owner: SignedIn, quantity?: number): Promise<string>;
  /** A published listing of the seller with `quantity` units, seeded in the stock ledger. */
  listing(quantity?: number): Promise<string>;
  /** POST /auctions for a new listing (or `listingId`), ending `minutes` after the clock's now. */
  auction(overrides?: Record<string, unknown>, minutes?: number): Promise<request.Response>;
  bid(
    who: SignedIn,
    auctionId: string,
    amount: number,
    maxAmount?: number,
    idempotencyKey?: string,
  ): Promise<request.Response>;
  /** `minutes` from the test clock's now, as an ISO string. */
  inMinutes(minutes: number): string;
}

export async function auctionWorld(t: TestApp): Promise<AuctionWorld> {
  const app: Express = t.app;
  const admin = await signInAdmin(app);
  const seller = await verifiedSeller(app, admin);
  const categoryId = (await seedBikeCategories(app, admin)).bikes;
  const inMinutes = (minutes: number) => new Date(t.clock.now().getTime() + minutes * 60_000).toISOString();
  const listingOf = async (owner: SignedIn, quantity = 1) => {
    const created = await publishedListing(app, owner.auth, listingBody(categoryId, { quantity }));
    const ledger = t.container.get<StockLedger>(StockLedger);
    // The ledger follows listing.published through the outbox and the broker: slow when CI loads FerretDB.
    await vi.waitFor(async () => expect((await ledger.level(created.id))?.onHand).toBe(quantity), {
      timeout: 20_000,
      interval: 20,
    });
    return created.id;
  };
  const listing = (quantity = 1) => listingOf(seller, quantity);
  return {
    admin,
    seller,
    categoryId,
    listingOf,
    listing,
    inMinutes,
    auction: async (overrides = {}, minutes = 60) =>
      request(app)
        .post('/api/v1/auctions')
        .set(seller.auth)
        .send({
          listingId: overrides.listingId ?? (await listing()),
          startingPrice: euros(1_000),
          minIncrement: euros(100),
          endsAt: inMinutes(minutes),
          ...overrides,
        }),
    bid: (who, auctionId, amount, maxAmount, idempotencyKey) =>
      request(app)
        .post(`/api/v1/auctions/${auctionId}/bids`)
        .set({ ...who.auth, ...(idempotencyKey === undefined ? {} : { 'Idempotency-Key': idempotencyKey }) })
        .send({ price: euros(amount), ...(maxAmount === undefined ? {} : { maxPrice: euros(maxAmount) }) }),
  };
}
