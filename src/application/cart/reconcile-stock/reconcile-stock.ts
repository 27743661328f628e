import type { CartCatalog } from '../ports/cart-catalog.js';
import type { StockLedger } from '../ports/stock-ledger.js';

/**
 * Start-up reconciliation: a published listing the ledger does not know (Redis was flushed or
 * lost its data) gets its stock on hand back from the listing's quantity in MongoDB. Listings
 * the ledger knows are left alone: their live reservations are the truth.
 */
export class ReconcileStock {
  constructor(
    private readonly catalog: CartCatalog,
    private readonly ledger: StockLedger,
  ) {}

  /** Returns how many listings were re-seeded. */
  async execute(): Promise<number> {
    let reseeded = 0;
    let cursor: string | undefined;
    do {
      const page = await this.catalog.publishedStock({ limit: 100, cursor });
      for (const { listingId, quantity } of page.items) {
        if (await this.ledger.level(listingId)) continue;
        await this.ledger.setOnHand(listingId, quantity);
        reseeded += 1;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return reseeded;
  }
}
