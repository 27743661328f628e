import type { CartApi } from '../../application/cart/public.js';
import type { StockAvailability } from '../../application/catalog/ports/stock-availability.js';

/** The catalog's view of stock, served in-process by the cart module's public API (its ledger). */
export class CartStockAvailability implements StockAvailability {
  constructor(private readonly cart: CartApi) {}

  availableOf(listingIds: string[]): Promise<Map<string, number>> {
    return this.cart.availableOf(listingIds);
  }
}
