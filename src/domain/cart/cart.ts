import { DomainError } from '../shared/domain-error.js';
import type { Money } from '../shared/money.js';

/** One line of a buyer's cart: the units held for them and the price when they were added. */
export interface CartLine {
  listingId: string;
  sellerId: string;
  title: string;
  quantity: number;
  unitPrice: Money;
  reservedUntil: Date;
}

export const cartErrors = {
  insufficientStock: (available: number) =>
    new DomainError('conflict', 'INSUFFICIENT_STOCK', `only ${available} available`, { available }),
  notForSale: () => new DomainError('conflict', 'LISTING_NOT_FOR_SALE', 'this listing is not published'),
  ownListing: () => new DomainError('conflict', 'CART_OWN_LISTING', 'you cannot buy your own listing'),
  lineNotFound: () => new DomainError('not_found', 'CART_ITEM_NOT_FOUND', 'this listing is not in your cart'),
  mixedCurrencies: () => new DomainError('conflict', 'CART_MIXED_CURRENCIES', 'a cart holds one currency at a time'),
};

/** The total of the lines; every line of a cart is in one currency (null for an empty cart). */
export function cartTotal(lines: CartLine[]): Money | null {
  const [first] = lines;
  if (!first) return null;
  if (lines.some((l) => l.unitPrice.currency !== first.unitPrice.currency)) throw cartErrors.mixedCurrencies();
  return { amount: lines.reduce((sum, l) => sum + l.unitPrice.amount * l.quantity, 0), currency: first.unitPrice.currency };
}
