import type { Auction } from '../../../domain/auctions/auction.js';
import type { Page, PageRequest } from '../../shared/ports/page.js';
import { auctionNotFound } from '../auction-view.js';
import type { AuctionRepository } from '../ports/auction-repository.js';
import type { BidRepository, StoredBid } from '../ports/bid-repository.js';

export interface BidHistory {
  /** The auction the bids are of (who may see which bidder depends on its seller). */
  auction: Auction;
  bids: Page<StoredBid>;
}

/**
 * The public bid history of an auction, newest first: anyone may read it. A leader's raises of
 * their own maximum are not in it.
 */
export class ListBids {
  constructor(
    private readonly auctions: AuctionRepository,
    private readonly bids: BidRepository,
  ) {}

  async execute(auctionId: string, page: PageRequest): Promise<BidHistory> {
    const auction = await this.auctions.findById(auctionId);
    if (!auction) throw auctionNotFound();
    return { auction, bids: await this.bids.listByAuction(auctionId, page, { kind: 'bid' }) };
  }
}
