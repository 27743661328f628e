import type { EventEnvelope } from '../../shared/events/envelope.js';
import type { AcceptedBid, AuctionLiveState } from '../ports/auction-live-state.js';
import type { AuctionRepository } from '../ports/auction-repository.js';
import type { BidRepository } from '../ports/bid-repository.js';

/**
 * The bid log and the stored auction follow the live state: consumer of `auction.bid.placed` and
 * `auction.max.raised` (and the last step of a close, for any bid whose event is still on its way). The accepted bids
 * the live state keeps pending are appended to the log (once each: the bid id is the key), the
 * newest auction state among them is saved (the repository never goes backwards), and only then
 * are they marked logged. A crash anywhere leaves them pending for the next delivery or close.
 */
export class FollowAcceptedBids {
  static readonly consumer = 'auctions.bid-log';

  constructor(
    private readonly live: AuctionLiveState,
    private readonly bids: BidRepository,
    private readonly auctions: AuctionRepository,
  ) {}

  async handle(event: EventEnvelope<'auction.bid.placed' | 'auction.max.raised'>): Promise<void> {
    await this.follow(event.payload.auctionId, [event.payload.bidId]);
  }

  /** Follows the auction's pending bids (those of `bidIds`, or all); answers how many there were. */
  async follow(auctionId: string, bidIds?: readonly string[]): Promise<number> {
    const pending = await this.live.pendingLog(auctionId, bidIds);
    if (pending.length === 0) return 0;
    await Promise.all(pending.map(({ bid }) => this.bids.append(bid)));
    await this.auctions.saveState(newest(pending).auction);
    await this.live.markLogged(
      auctionId,
      pending.map(({ bid }) => bid.id),
    );
    return pending.length;
  }
}

/** The acceptance that left the auction furthest on (pending bids come in sequence order). */
const newest = (pending: AcceptedBid[]): AcceptedBid => pending[pending.length - 1] as AcceptedBid;
