import type { AuctionHoldResult, AuctionStock } from '../../application/auctions/ports/auction-stock.js';
import type { CartApi } from '../../application/cart/public.js';

/** The auctions module's held unit, served in-process by the cart module's public API (its stock ledger). */
export class CartAuctionStock implements AuctionStock {
  constructor(private readonly cart: CartApi) {}

  hold(listingId: string, auctionId: string, until: Date, now: Date): Promise<AuctionHoldResult> {
    return this.cart.holdForAuction(listingId, auctionId, until, now);
  }

  release(listingId: string, auctionId: string): Promise<void> {
    return this.cart.releaseAuctionHold(listingId, auctionId);
  }
}
