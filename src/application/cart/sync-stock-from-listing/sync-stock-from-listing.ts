import type { EventEnvelope } from '../../shared/events/envelope.js';
import type { StockLedger } from '../ports/stock-ledger.js';
import type { StockEvents } from '../stock-events.js';

/**
 * Consumer of `listing.published` and `listing.updated`: stock on hand in the ledger follows the
 * listing's quantity (seeded at publication, then every edit).
 */
export class SyncStockFromListing {
  static readonly consumer = 'cart.sync-stock';

  constructor(
    private readonly ledger: StockLedger,
    private readonly events: StockEvents,
  ) {}

  async handle(event: EventEnvelope<'listing.published' | 'listing.updated'>): Promise<void> {
    const { listingId, quantity } = event.payload;
    if (event.topic === 'listing.updated' && !(await this.ledger.level(listingId))) return;
    const level = await this.ledger.setOnHand(listingId, quantity);
    await this.events.updated(level);
  }
}
