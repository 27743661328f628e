import type { AuctionRepository } from './ports/auction-repository.js';
import type { BidRepository } from './ports/bid-repository.js';
import type { AuctionsApi, RunnerUp } from './public.js';

/** The auctions module's public API, over its auctions and their bid log. */
export class AuctionsPublicApi implements AuctionsApi {
  constructor(
    private readonly auctions: AuctionRepository,
    private readonly bids: BidRepository,
  ) {}

  async runnerUp(auctionId: string, excludedBidderIds: string[]): Promise<RunnerUp | null> {
    const auction = await this.auctions.findById(auctionId);
    if (!auction) return null;
    const atLeast = auction.reservePrice?.amount ?? 0;
    const best = await this.bids.highestMaximum(auctionId, { excludedBidderIds, atLeast });
    return best && { bidderId: best.bidderId, maximum: best.maximum };
  }
}
