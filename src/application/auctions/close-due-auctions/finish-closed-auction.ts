import type { Auction } from '../../../domain/auctions/auction.js';
import type { FollowAcceptedBids } from '../follow-accepted-bids/follow-accepted-bids.js';
import type { AuctionRepository } from '../ports/auction-repository.js';
import type { AuctionSchedule } from '../ports/auction-schedule.js';
import type { AuctionStock } from '../ports/auction-stock.js';

/**
 * What follows the close (or the cancel) of an auction in the live state, which stored its events
 * in the same atomic step: the bid log catches up with the last bids, the stored document becomes
 * final, the held unit goes back to stock when nobody won (the winner's order takes it otherwise),
 * and last the timer's entries go. Every step is idempotent and the timer finds the auction until
 * its entry is removed, so a crash between any two steps is finished by the next tick.
 */
export class FinishClosedAuction {
  constructor(
    private readonly auctions: AuctionRepository,
    private readonly schedule: AuctionSchedule,
    private readonly stock: AuctionStock,
    private readonly followBids: FollowAcceptedBids,
  ) {}

  async execute(closed: Auction): Promise<void> {
    await this.followBids.follow(closed.id);
    await this.auctions.saveState(closed);
    if (!closed.winnerId) await this.stock.release(closed.listingId, closed.id);
    await this.schedule.remove('start', closed.id);
    await this.schedule.remove('end', closed.id);
  }
}
