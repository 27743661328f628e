import type {
  BidderMaximum,
  BidLogFilter,
  BidRepository,
  StoredBid,
} from '../../../application/auctions/ports/bid-repository.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import { decodeSequenceCursor, sequencePage } from '../../shared/newest-first-pages.js';
import { higherMaximum, maximumOf } from '../../shared/auctions/bidder-maximum.js';
import { deepCopy } from '../shared/deep-copy.js';

/**
 * BidRepository in process memory: bids by id, so a retried append finds its bid and stores
 * nothing. Bids are copied in and out, so callers never share the stored objects. The memory live
 * state records each accepted bid here in the same synchronous step (`record`).
 */
export class MemoryBidRepository implements BidRepository {
  private readonly bids = new Map<string, StoredBid>();

  async append(bid: StoredBid): Promise<void> {
    this.record(bid);
  }

  /** `append` without a turn of the event loop. */
  record(bid: StoredBid): void {
    if (!this.bids.has(bid.id)) this.bids.set(bid.id, deepCopy(bid));
  }

  async highestMaximum(
    auctionId: string,
    options: { excludedBidderIds: string[]; atLeast: number },
  ): Promise<BidderMaximum | null> {
    const candidates = [...this.bids.values()]
      .filter((b) => b.auctionId === auctionId && !options.excludedBidderIds.includes(b.bidderId))
      .map(maximumOf)
      .filter((m) => m.maximum.amount >= options.atLeast);
    const best = candidates.reduce<BidderMaximum | null>(higherMaximum, null);
    return best && deepCopy(best);
  }

  async listByAuction(auctionId: string, page: PageRequest, filter: BidLogFilter = {}): Promise<Page<StoredBid>> {
    const after = page.cursor ? decodeSequenceCursor(page.cursor) : undefined;
    const ofKind = (b: StoredBid) => !filter.kind || b.kind === filter.kind;
    const matches = (b: StoredBid) =>
      b.auctionId === auctionId && ofKind(b) && (after === undefined || b.sequence < after);
    const fetched = [...this.bids.values()]
      .filter(matches)
      .sort((a, b) => b.sequence - a.sequence)
      .slice(0, page.limit + 1);
    return sequencePage(fetched.map(deepCopy), page.limit);
  }
}
