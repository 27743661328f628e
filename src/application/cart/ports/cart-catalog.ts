import type { Money } from '../../../domain/shared/money.js';
import type { Page, PageRequest } from '../../shared/ports/page.js';

/** What the cart needs to know of a listing, served by the catalog module. */
export interface ListingForSale {
  id: string;
  sellerId: string;
  title: string;
  price: Money;
  published: boolean;
}

export interface CartCatalog {
  listing(listingId: string): Promise<ListingForSale | null>;
  /** Every published listing with its stock on hand, a page at a time (start-up reconciliation). */
  publishedStock(page: PageRequest): Promise<Page<{ listingId: string; quantity: number }>>;
}
export const CartCatalog = Symbol.for('CartCatalog');
