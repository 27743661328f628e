/** The identity module's seller gate, as the catalog sees it. */
export interface SellerVerification {
  /** Throws 403 `KYC_REQUIRED` (or `SELLER_ROLE_REQUIRED`) unless the user may sell. */
  assertVerifiedSeller(userId: string): Promise<void>;
}
export const SellerVerification = Symbol.for('SellerVerification');
