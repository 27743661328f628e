import type { Page, PageRequest } from '../../shared/ports/page.js';
import { auctionNotFound } from '../auction-view.js';
import type { AuctionRepository } from '../ports/auction-repository.js';
import type { BidRepository, StoredBid } from '../ports/bid-repository.js';

/** The accepted bids of an auction, newest first: anyone may read them (proxy maxima are not shown). */
export class ListBids {
  constructor(
    private readonly auctions: AuctionRepository,
    private readonly bids: BidRepository,
  ) {}

  async execute(auctionId: string, page: PageRequest): Promise<Page<StoredBid>> {
    if (!(await this.auctions.findById(auctionId))) throw auctionNotFound();
    return this.bids.listByAuction(auctionId, page);
  }
}
