import type { EventEnvelope } from '../../shared/events/envelope.js';
import type { StockLedger } from '../ports/stock-ledger.js';

/**
 * Consumer of `listing.published` and `listing.updated`: stock on hand in the ledger follows the
 * listing's quantity (seeded at publication, then every edit; the ledger stores `stock.updated`).
 */
export class SyncStockFromListing {
  static readonly consumer = 'cart.sync-stock';

  constructor(private readonly ledger: StockLedger) {}

  async handle(event: EventEnvelope<'listing.published' | 'listing.updated'>): Promise<void> {
    const { listingId, quantity } = event.payload;
    if (event.topic === 'listing.updated' && !(await this.ledger.level(listingId))) return;
    await this.ledger.setOnHand(listingId, quantity);
  }
}
