import type { StockLedger } from '../../application/cart/ports/stock-ledger.js';
import type { StockAvailability } from '../../application/catalog/ports/stock-availability.js';

/** The catalog's view of stock, served in-process by the cart module's ledger. */
export class CartStockAvailability implements StockAvailability {
  constructor(private readonly ledger: StockLedger) {}

  async availableOf(listingIds: string[]): Promise<Map<string, number>> {
    const levels = await Promise.all(listingIds.map((id) => this.ledger.level(id)));
    return new Map(levels.flatMap((level) => (level ? [[level.listingId, level.available] as const] : [])));
  }
}
