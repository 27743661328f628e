import { auctionHolderId, type AuctionHoldResult, type AuctionStock } from '../../application/auctions/ports/auction-stock.js';
import type { StockLedger } from '../../application/cart/ports/stock-ledger.js';

/** The auctions module's held unit, served in-process by the cart module's stock ledger (which stores the stock.* events). */
export class CartAuctionStock implements AuctionStock {
  constructor(private readonly ledger: StockLedger) {}

  async hold(listingId: string, auctionId: string, until: Date, now: Date): Promise<AuctionHoldResult> {
    const result = await this.ledger.hold(listingId, auctionHolderId(auctionId), 1, until, now);
    return result.ok ? 'held' : result.reason;
  }

  async release(listingId: string, auctionId: string): Promise<void> {
    await this.ledger.release(listingId, auctionHolderId(auctionId), 'auction_ended');
  }
}
