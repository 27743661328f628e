import type { Auction } from '../../../domain/auctions/auction.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { isAdmin, type Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/ports/clock.js';
import { auctionNotFound, onLiveState } from '../auction-view.js';
import type { AuctionLiveState } from '../ports/auction-live-state.js';
import type { AuctionRepository } from '../ports/auction-repository.js';
import type { AuctionSchedule } from '../ports/auction-schedule.js';
import type { AuctionStock } from '../ports/auction-stock.js';

/**
 * The seller cancels before the first bid, an admin until the end: decided atomically against
 * racing bids by the live state. The held unit goes back to stock and the timer forgets it.
 */
export class CancelAuction {
  constructor(
    private readonly auctions: AuctionRepository,
    private readonly live: AuctionLiveState,
    private readonly schedule: AuctionSchedule,
    private readonly stock: AuctionStock,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, auctionId: string): Promise<Auction> {
    const stored = await this.auctions.findById(auctionId);
    if (!stored) throw auctionNotFound();
    const by = { isSeller: stored.sellerId === actor.userId, isAdmin: isAdmin(actor) };
    if (!by.isSeller && !by.isAdmin) throw new DomainError('forbidden', 'AUCTION_NOT_SELLER', 'only the seller or an admin can cancel an auction');
    const now = this.clock.now();
    const cancelled = await onLiveState(this.live, this.auctions, auctionId, () => this.live.cancel(auctionId, by, now));
    await this.auctions.saveState(cancelled);
    await this.stock.release(cancelled.listingId, cancelled.id);
    await this.schedule.remove('start', cancelled.id);
    await this.schedule.remove('end', cancelled.id);
    return cancelled;
  }
}
