import type { Auction } from '../../../domain/auctions/auction.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { isAdmin, type Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { AuctionEvents } from '../auction-events.js';
import { auctionNotFound, onLiveState } from '../auction-view.js';
import type { FinishClosedAuction } from '../close-due-auctions/finish-closed-auction.js';
import { decideCancel } from '../live-decisions.js';
import type { AuctionLiveState } from '../ports/auction-live-state.js';
import type { AuctionRepository } from '../ports/auction-repository.js';
import type { AuctionSchedule } from '../ports/auction-schedule.js';

/**
 * The seller cancels before the first bid, an admin until the end: decided atomically against
 * racing bids by the live state. The auction's end deadline is moved to now first, so that if
 * this instance dies after the cancel the timer's next tick finishes it (stored document, unit
 * back to stock, deadlines removed: FinishClosedAuction); a refused cancel leaves the early
 * deadline, which the tick moves back to the auction's end. An admin's cancel of another's
 * auction is audited (`admin.action`, stored in the cancel's atomic step).
 */
export class CancelAuction {
  constructor(
    private readonly auctions: AuctionRepository,
    private readonly live: AuctionLiveState,
    private readonly schedule: AuctionSchedule,
    private readonly finish: FinishClosedAuction,
    private readonly events: AuctionEvents,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, auctionId: string): Promise<Auction> {
    const stored = await this.auctions.findById(auctionId);
    if (!stored) throw auctionNotFound();
    const by = { isSeller: stored.sellerId === actor.userId, isAdmin: isAdmin(actor) };
    if (!by.isSeller && !by.isAdmin)
      throw new DomainError('forbidden', 'AUCTION_NOT_SELLER', 'only the seller or an admin can cancel an auction');
    const now = this.clock.now();
    await this.schedule.set('end', auctionId, now);
    const audited = (cancelled: Auction) =>
      by.isSeller ? [] : [this.events.adminAction(actor.userId, 'auction.cancel', cancelled)];
    const cancel = () => this.live.transact(auctionId, decideCancel(auctionId, by, now, audited));
    const cancelled = await onLiveState(this.live, this.auctions, auctionId, cancel);
    await this.finish.execute(cancelled);
    return cancelled;
  }
}
