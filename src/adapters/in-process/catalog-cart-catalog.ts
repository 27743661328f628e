import type { CartCatalog, ListingForSale } from '../../application/cart/ports/cart-catalog.js';
import type { ListingRepository } from '../../application/catalog/ports/listing-repository.js';

/** The cart's view of listings, served in-process by the catalog module. */
export class CatalogCartCatalog implements CartCatalog {
  constructor(private readonly listings: ListingRepository) {}

  async listing(listingId: string): Promise<ListingForSale | null> {
    const listing = await this.listings.findById(listingId);
    if (!listing) return null;
    const { id, sellerId, title, price, status } = listing;
    return { id, sellerId, title, price, published: status === 'published' };
  }
}
