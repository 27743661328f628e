/** The identity module's seller gate, as the auctions module sees it. */
export interface AuctionSellerGate {
  /** Throws 403 `KYC_REQUIRED` (or `SELLER_ROLE_REQUIRED`) unless the user may sell. */
  assertVerifiedSeller(userId: string): Promise<void>;
}
export const AuctionSellerGate = Symbol.for('AuctionSellerGate');
