import type { AuctionSellerGate } from '../../application/auctions/ports/auction-seller-gate.js';
import type { IdentityApi } from '../../application/identity/public.js';

/**
 * The auctions module's seller gate, served in-process by the identity module's public API (an HTTP call after a
 * split).
 */
export class IdentityAuctionSellerGate implements AuctionSellerGate {
  constructor(private readonly identity: IdentityApi) {}

  assertVerifiedSeller(userId: string): Promise<void> {
    return this.identity.assertVerifiedSeller(userId);
  }
}
