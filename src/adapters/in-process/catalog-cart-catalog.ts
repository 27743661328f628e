import type { CartCatalog, ListingForSale } from '../../application/cart/ports/cart-catalog.js';
import type { ListingRepository } from '../../application/catalog/ports/listing-repository.js';
import type { Page, PageRequest } from '../../application/shared/ports/page.js';

/** The cart's view of listings, served in-process by the catalog module. */
export class CatalogCartCatalog implements CartCatalog {
  constructor(private readonly listings: ListingRepository) {}

  async listing(listingId: string): Promise<ListingForSale | null> {
    const listing = await this.listings.findById(listingId);
    if (!listing) return null;
    const { id, sellerId, title, price, status } = listing;
    return { id, sellerId, title, price, published: status === 'published' };
  }

  async publishedStock(page: PageRequest): Promise<Page<{ listingId: string; quantity: number }>> {
    const found = await this.listings.search({ sort: 'newest', limit: page.limit, cursor: page.cursor });
    return { items: found.items.map((l) => ({ listingId: l.id, quantity: l.quantity })), nextCursor: found.nextCursor };
  }
}
