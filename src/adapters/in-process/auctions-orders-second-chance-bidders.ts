import type { AuctionsApi } from '../../application/auctions/public.js';
import type { SecondChanceBidder, SecondChanceBidders } from '../../application/orders/ports/second-chance-bidders.js';

/** The orders module's view of the runners-up of an auction, served in-process by the auctions module's public API. */
export class AuctionSecondChanceBidders implements SecondChanceBidders {
  constructor(private readonly auctions: AuctionsApi) {}

  next(auctionId: string, excludedBidderIds: string[]): Promise<SecondChanceBidder | null> {
    return this.auctions.runnerUp(auctionId, excludedBidderIds);
  }
}
