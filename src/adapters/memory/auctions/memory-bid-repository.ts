import type { BidRepository, StoredBid } from '../../../application/auctions/ports/bid-repository.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import { decodeSequenceCursor, sequencePage } from '../../shared/newest-first-pages.js';

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
    if (!this.bids.has(bid.id)) this.bids.set(bid.id, copy(bid));
  }

  async listByAuction(auctionId: string, page: PageRequest): Promise<Page<StoredBid>> {
    const after = page.cursor ? decodeSequenceCursor(page.cursor) : undefined;
    const matches = (b: StoredBid) => b.auctionId === auctionId && (after === undefined || b.sequence < after);
    const fetched = [...this.bids.values()].filter(matches).sort((a, b) => b.sequence - a.sequence).slice(0, page.limit + 1);
    return sequencePage(fetched.map(copy), page.limit);
  }
}

/** A deep copy; structuredClone keeps Dates as Dates. */
function copy(bid: StoredBid): StoredBid {
  return structuredClone(bid);
}
