import type { Auction } from '../../../domain/auctions/auction.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/id-generator.js';
import type { AuctionEvents } from '../auction-events.js';
import { auctionNotFound, onLiveState } from '../auction-view.js';
import type { FinishClosedAuction } from '../close-due-auctions/finish-closed-auction.js';
import { decideBuyNow } from '../live-decisions.js';
import type { AuctionLiveState } from '../ports/auction-live-state.js';
import type { AuctionRepository } from '../ports/auction-repository.js';
import type { AuctionSchedule } from '../ports/auction-schedule.js';

export interface BuyNowCommand {
  auctionId: string;
  buyerId: string;
}

/**
 * Buy It Now: a buyer (not the seller) ends a live auction without bids at once, as its winner at
 * buyItNowPrice. The live state decides atomically against racing bids, closes and other buyers,
 * and stores `auction.ended` (with the winner's order id, assigned here) and the notifications in
 * that step; the orders module creates the order under that id (CreateAuctionOrder), as for any
 * winner, so the answer names `orderId` at once while the order follows a moment later.
 * As for a cancel, the end deadline is moved to now first: if this instance dies after the live
 * state's step, the timer's next tick finishes the auction (FinishClosedAuction); a refused
 * request leaves the early deadline, which the tick moves back to the auction's end.
 */
export class BuyNow {
  constructor(
    private readonly auctions: AuctionRepository,
    private readonly live: AuctionLiveState,
    private readonly schedule: AuctionSchedule,
    private readonly finish: FinishClosedAuction,
    private readonly events: AuctionEvents,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute({ auctionId, buyerId }: BuyNowCommand): Promise<Auction> {
    if (!(await this.auctions.findById(auctionId))) throw auctionNotFound();
    const now = this.clock.now();
    await this.schedule.set('end', auctionId, now);
    const request = { auctionId, buyerId, orderId: this.ids.next(), at: now };
    const buy = () =>
      this.live.transact(
        auctionId,
        decideBuyNow(request, (bought) => this.events.ended(bought)),
      );
    const bought = await onLiveState(this.live, this.auctions, auctionId, buy);
    await this.finish.execute(bought);
    return bought;
  }
}
