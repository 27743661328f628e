import type { Auction } from '../../../domain/auctions/auction.js';
import type { AuctionEvents } from '../auction-events.js';
import type { AuctionRepository } from '../ports/auction-repository.js';
import type { AuctionSchedule } from '../ports/auction-schedule.js';
import type { AuctionStock } from '../ports/auction-stock.js';

/**
 * What follows the close of an auction, every step idempotent so that it can run again when the
 * instance that closed it died half-way: the stored document, the held unit back to stock when
 * nobody won (the winner's order takes it otherwise), `auction.ended` under an id derived from the
 * auction, and last the timer's entry.
 */
export class FinishClosedAuction {
  constructor(
    private readonly auctions: AuctionRepository,
    private readonly schedule: AuctionSchedule,
    private readonly stock: AuctionStock,
    private readonly events: AuctionEvents,
  ) {}

  async execute(closed: Auction): Promise<void> {
    await this.auctions.saveState(closed);
    if (!closed.winnerId) await this.stock.release(closed.listingId, closed.id);
    await this.events.ended(closed);
    await this.schedule.remove('start', closed.id);
    await this.schedule.remove('end', closed.id);
  }
}
