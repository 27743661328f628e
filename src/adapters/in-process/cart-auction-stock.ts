import { auctionHolderId, type AuctionHoldResult, type AuctionStock } from '../../application/auctions/ports/auction-stock.js';
import type { StockLedger } from '../../application/cart/ports/stock-ledger.js';
import type { StockEvents } from '../../application/cart/stock-events.js';

/** The auctions module's held unit, served in-process by the cart module's stock ledger (stock.* events included). */
export class CartAuctionStock implements AuctionStock {
  constructor(
    private readonly ledger: StockLedger,
    private readonly events: StockEvents,
  ) {}

  async hold(listingId: string, auctionId: string, until: Date, now: Date): Promise<AuctionHoldResult> {
    const holderId = auctionHolderId(auctionId);
    const result = await this.ledger.hold(listingId, holderId, 1, until, now);
    if (!result.ok) return result.reason;
    await this.events.reserved(result.level, holderId, 1, until);
    return 'held';
  }

  async release(listingId: string, auctionId: string): Promise<void> {
    const released = await this.ledger.release(listingId, auctionHolderId(auctionId));
    if (released) await this.events.released(released.level, released.holderId, released.quantity, 'auction_ended');
  }
}
