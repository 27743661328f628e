import { DomainError } from '../shared/domain-error.js';
import { listingSaleErrors } from '../shared/listing-sale-errors.js';
import { sumMoney, times, type Money } from '../shared/money.js';

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
  insufficientStock: listingSaleErrors.insufficientStock,
  notForSale: listingSaleErrors.notForSale,
  listingNotFound: listingSaleErrors.notFound,
  ownListing: () => new DomainError('conflict', 'CART_OWN_LISTING', 'you cannot buy your own listing'),
  lineNotFound: () => new DomainError('not_found', 'CART_ITEM_NOT_FOUND', 'this listing is not in your cart'),
  mixedCurrencies: (cartCurrency: string, listingCurrency: string) =>
    new DomainError(
      'conflict',
      'CART_MIXED_CURRENCIES',
      `a cart holds one currency at a time: this cart is in ${cartCurrency}, the listing in ${listingCurrency}`,
      {
        cartCurrency,
        listingCurrency,
      },
    ),
};

/**
 * A cart holds one currency: a listing's line may be put in it only in the currency of the cart's
 * other lines (its own line may change currency when it is the only one).
 */
export function ensureOneCurrency(lines: CartLine[], listingId: string, price: Money): void {
  const other = lines.find((l) => l.listingId !== listingId && l.unitPrice.currency !== price.currency);
  if (other) throw cartErrors.mixedCurrencies(other.unitPrice.currency, price.currency);
}

/**
 * The total of the lines, in the cart's one currency (a mix is refused: MONEY_CURRENCY_MISMATCH); null for an empty
 * cart.
 */
export const cartTotal = (lines: CartLine[]): Money | null =>
  sumMoney(lines.map((l) => times(l.unitPrice, l.quantity)));
