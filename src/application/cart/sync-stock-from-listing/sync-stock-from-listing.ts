import type { EventEnvelope } from '../../shared/events/envelope.js';
import type { StockLedger } from '../ports/stock-ledger.js';

/**
 * Consumer of `listing.published` and `listing.updated`: stock on hand in the ledger follows the
 * listing's quantity (the ledger stores `stock.updated`).
 * - `listing.published` seeds the ledger only if it does not know the listing yet: a hold may have
 *   seeded it first (seededHold), and a listing published again (after moderation) has sold
 *   since; its quantity then is a projection that may lag the ledger.
 * - `listing.updated` moves stock on hand only when the seller edited the quantity: the quantity
 *   of an event about another field is that lagging projection, and setting it would give back
 *   units just sold. An edit of a published listing the ledger does not know yet seeds it.
 */
export class SyncStockFromListing {
  static readonly consumer = 'cart.sync-stock';

  constructor(private readonly ledger: StockLedger) {}

  async handle(event: EventEnvelope<'listing.published' | 'listing.updated'>): Promise<void> {
    const { listingId, quantity } = event.payload;
    if (event.topic === 'listing.published') {
      await this.ledger.seed(listingId, quantity);
      return;
    }
    const { changes, status } = (event as EventEnvelope<'listing.updated'>).payload;
    if (!changes.includes('quantity')) return;
    if (await this.ledger.level(listingId)) await this.ledger.setOnHand(listingId, quantity);
    else if (status === 'published') await this.ledger.seed(listingId, quantity);
  }
}
