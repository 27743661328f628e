import type { Auction } from '../../../domain/auctions/auction.js';
import type { Clock } from '../../shared/ports/clock.js';
import { viewAuction } from '../auction-view.js';
import type { AuctionLiveState } from '../ports/auction-live-state.js';
import type { AuctionRepository } from '../ports/auction-repository.js';

/** One auction as it stands now: anyone may read it. */
export class GetAuction {
  constructor(
    private readonly auctions: AuctionRepository,
    private readonly live: AuctionLiveState,
    private readonly clock: Clock,
  ) {}

  execute(auctionId: string): Promise<Auction> {
    return viewAuction(this.auctions, this.live, auctionId, this.clock.now());
  }
}
