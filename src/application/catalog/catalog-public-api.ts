import { DomainError } from '../../domain/shared/domain-error.js';
import type { Page, PageRequest } from '../shared/ports/page.js';
import type { Clock } from '../shared/ports/clock.js';
import type { ListingRepository } from './ports/listing-repository.js';
import type { CatalogApi, CatalogListing, ListedStock } from './public.js';

/** The catalog's public API, over its listing repository. */
export class CatalogPublicApi implements CatalogApi {
  constructor(
    private readonly listings: ListingRepository,
    private readonly clock: Clock,
  ) {}

  async listing(listingId: string): Promise<CatalogListing | null> {
    const listing = await this.listings.findById(listingId);
    if (!listing) return null;
    const { id, sellerId, title, price, status, quantity } = listing;
    return { id, sellerId, title, price, published: status === 'published', quantity };
  }

  async publishedStock(page: PageRequest): Promise<Page<ListedStock>> {
    const found = await this.listings.search({ sort: 'newest', limit: page.limit, cursor: page.cursor });
    return { items: found.items.map((l) => ({ listingId: l.id, quantity: l.quantity })), nextCursor: found.nextCursor };
  }

  async correctQuantity(listingId: string, from: number, to: number): Promise<boolean> {
    const listing = await this.listings.findById(listingId);
    if (!listing || listing.quantity !== from) return false;
    try {
      // No event: the ledger already holds this figure; this only repairs its projection.
      await this.listings.save(
        { ...listing, quantity: to, updatedAt: this.clock.now(), version: listing.version + 1 },
        [],
      );
      return true;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'LISTING_CONCURRENT_UPDATE') return false;
      throw error;
    }
  }
}
