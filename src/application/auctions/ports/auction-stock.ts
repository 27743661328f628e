export type AuctionHoldResult = 'held' | 'insufficient_stock' | 'unknown_listing';

/**
 * The unit of the listing an auction sells, held for it while it runs (served by the cart
 * module's stock ledger, so carts cannot sell it meanwhile). The winner's order takes the held
 * unit; an auction that ends without a winner, or is cancelled, gives it back.
 */
export interface AuctionStock {
  /** Holds one unit of the listing for the auction until `until`. */
  hold(listingId: string, auctionId: string, until: Date, now: Date): Promise<AuctionHoldResult>;
  /** Gives the held unit back (nothing when it is not held any more). */
  release(listingId: string, auctionId: string): Promise<void>;
}
export const AuctionStock = Symbol.for('AuctionStock');
