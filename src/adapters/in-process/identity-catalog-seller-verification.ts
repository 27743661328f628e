import type { SellerVerification } from '../../application/catalog/ports/seller-verification.js';
import type { IdentityApi } from '../../application/identity/public.js';

/** The catalog's seller gate, served in-process by the identity module's public API (an HTTP call after a split). */
export class IdentitySellerVerification implements SellerVerification {
  constructor(private readonly identity: IdentityApi) {}

  assertVerifiedSeller(userId: string): Promise<void> {
    return this.identity.assertVerifiedSeller(userId);
  }
}
