import type { SellerVerification } from '../../application/catalog/ports/seller-verification.js';
import type { UserRepository } from '../../application/identity/ports/user-repository.js';
import { identityErrors } from '../../domain/identity/errors.js';
import { assertVerifiedSeller } from '../../domain/identity/user.js';

/** The catalog's seller gate, served in-process by the identity module (an HTTP call after a split). */
export class IdentitySellerVerification implements SellerVerification {
  constructor(private readonly users: UserRepository) {}

  async assertVerifiedSeller(userId: string): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) throw identityErrors.forbidden();
    assertVerifiedSeller(user);
  }
}
