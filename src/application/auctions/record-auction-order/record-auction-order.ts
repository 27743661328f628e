import type { EventEnvelope } from '../../shared/events/envelope.js';
import type { AuctionRepository } from '../ports/auction-repository.js';

/** Consumer of `order.created`: an auction's order id is stored on the auction (its `orderId`). */
export class RecordAuctionOrder {
  static readonly consumer = 'auctions.record-order';

  constructor(private readonly auctions: AuctionRepository) {}

  async handle(event: EventEnvelope<'order.created'>): Promise<void> {
    const { auctionId, orderId } = event.payload;
    if (auctionId) await this.auctions.recordOrder(auctionId, orderId);
  }
}
