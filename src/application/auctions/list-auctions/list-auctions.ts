import type { Auction } from '../../../domain/auctions/auction.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { Page, PageRequest } from '../../shared/ports/page.js';
import { asSeenAt } from '../auction-view.js';
import type { AuctionFilter, AuctionRepository } from '../ports/auction-repository.js';

/** Auctions newest first, optionally of one status, from the stored documents (a moment behind the live state). */
export class ListAuctions {
  constructor(
    private readonly auctions: AuctionRepository,
    private readonly clock: Clock,
  ) {}

  async execute(filter: AuctionFilter, page: PageRequest): Promise<Page<Auction>> {
    const found = await this.auctions.list(filter, page);
    const now = this.clock.now();
    return { ...found, items: found.items.map((auction) => asSeenAt(auction, now)) };
  }
}
