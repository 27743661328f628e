import type { CartCatalog, ListingForSale } from '../../application/cart/ports/cart-catalog.js';
import type { CatalogApi } from '../../application/catalog/public.js';
import type { Page, PageRequest } from '../../application/shared/ports/page.js';

/** The cart's view of listings, served in-process by the catalog module's public API. */
export class CatalogCartCatalog implements CartCatalog {
  constructor(private readonly catalog: CatalogApi) {}

  listing(listingId: string): Promise<ListingForSale | null> {
    return this.catalog.listing(listingId);
  }

  publishedStock(page: PageRequest): Promise<Page<{ listingId: string; quantity: number }>> {
    return this.catalog.publishedStock(page);
  }

  correctQuantity(listingId: string, from: number, to: number): Promise<boolean> {
    return this.catalog.correctQuantity(listingId, from, to);
  }
}
