import { identityErrors } from '../../../domain/identity/errors.js';
import type { OpaqueTokenGenerator } from '../ports/opaque-token-generator.js';
import type { RefreshTokenStore } from '../ports/refresh-token-store.js';

/**
 * Ends the caller's login the refresh token belongs to: every token of its family stops working.
 * A refresh token of another user is refused (401) and revokes nothing; an unknown one is ignored.
 */
export class LogOut {
  constructor(
    private readonly refreshTokens: RefreshTokenStore,
    private readonly opaqueTokens: OpaqueTokenGenerator,
  ) {}

  async execute(userId: string, refreshToken: string): Promise<void> {
    const result = await this.refreshTokens.revokeFamilyOf(this.opaqueTokens.hash(refreshToken), userId);
    if (result === 'not_owner') throw identityErrors.invalidRefreshToken();
  }
}
