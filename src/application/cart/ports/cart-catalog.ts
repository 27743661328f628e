import type { Money } from '../../../domain/shared/money.js';
import type { Page, PageRequest } from '../../shared/ports/page.js';

/** What the cart needs to know of a listing, served by the catalog module. */
export interface ListingForSale {
  id: string;
  sellerId: string;
  title: string;
  price: Money;
  published: boolean;
  /** Stock on hand as the catalog last projected it: what seeds the ledger when it does not know the listing yet. */
  quantity: number;
}

export interface CartCatalog {
  listing(listingId: string): Promise<ListingForSale | null>;
  /** Every published listing with its stock on hand, a page at a time (reconciliation). */
  publishedStock(page: PageRequest): Promise<Page<{ listingId: string; quantity: number }>>;
  /**
   * Repairs a listing's quantity (a projection of the ledger's stock on hand) from `from` to `to`,
   * publishing nothing; false when it is not `from` any more (it moved meanwhile: nothing done).
   */
  correctQuantity(listingId: string, from: number, to: number): Promise<boolean>;
}
export const CartCatalog = Symbol.for('CartCatalog');
