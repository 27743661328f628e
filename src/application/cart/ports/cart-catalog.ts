import type { Money } from '../../../domain/shared/money.js';

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
}
export const CartCatalog = Symbol.for('CartCatalog');
