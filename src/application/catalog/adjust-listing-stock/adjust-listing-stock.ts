import { DomainError } from '../../../domain/shared/domain-error.js';
import type { EventEnvelope } from '../../shared/events/envelope.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { ListingRepository } from '../ports/listing-repository.js';

const MAX_ATTEMPTS = 20;

/**
 * Consumer of `order.created` and `order.cancelled`: the listing's quantity (stock on hand in
 * MongoDB) goes down by what was sold, never below zero, and back up on cancellation. It applies
 * deltas, so events arriving in any order give the same result. Its saves store no event (no
 * `listing.updated`): the ledger has already moved, and the orders module stored `stock.updated`.
 */
export class AdjustListingStock {
  static readonly consumer = 'catalog.adjust-listing-stock';

  constructor(
    private readonly listings: ListingRepository,
    private readonly clock: Clock,
  ) {}

  async handle(event: EventEnvelope<'order.created' | 'order.cancelled'>): Promise<void> {
    const sign = event.topic === 'order.created' ? -1 : 1;
    for (const item of event.payload.items) await this.adjust(item.listingId, sign * item.quantity);
  }

  private async adjust(listingId: string, delta: number): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const listing = await this.listings.findById(listingId);
      if (!listing) return;
      try {
        const adjusted = { ...listing, quantity: Math.max(0, listing.quantity + delta), updatedAt: this.clock.now() };
        await this.listings.save({ ...adjusted, version: listing.version + 1 }, []);
        return;
      } catch (error) {
        const retry =
          error instanceof DomainError && error.code === 'LISTING_CONCURRENT_UPDATE' && attempt < MAX_ATTEMPTS;
        if (!retry) throw error;
      }
    }
  }
}
