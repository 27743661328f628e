import type { AuctionRepository } from '../../application/auctions/ports/auction-repository.js';
import type { BidRepository } from '../../application/auctions/ports/bid-repository.js';
import type { SecondChanceBidder, SecondChanceBidders } from '../../application/orders/ports/second-chance-bidders.js';

/** The orders module's view of the runners-up of an auction, served in-process by the auctions module's bid log. */
export class AuctionSecondChanceBidders implements SecondChanceBidders {
  constructor(
    private readonly auctions: AuctionRepository,
    private readonly bids: BidRepository,
  ) {}

  async next(auctionId: string, excludedBidderIds: string[]): Promise<SecondChanceBidder | null> {
    const auction = await this.auctions.findById(auctionId);
    if (!auction) return null;
    const atLeast = auction.reservePrice?.amount ?? 0;
    const best = await this.bids.highestMaximum(auctionId, { excludedBidderIds, atLeast });
    return best && { bidderId: best.bidderId, maximum: best.maximum };
  }
}
