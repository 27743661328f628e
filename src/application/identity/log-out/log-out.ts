import type { OpaqueTokenGenerator } from '../ports/opaque-token-generator.js';
import type { RefreshTokenStore } from '../ports/refresh-token-store.js';

/** Ends the login the refresh token belongs to: every token of its family stops working. */
export class LogOut {
  constructor(
    private readonly refreshTokens: RefreshTokenStore,
    private readonly opaqueTokens: OpaqueTokenGenerator,
  ) {}

  async execute(refreshToken: string): Promise<void> {
    await this.refreshTokens.revokeFamilyOf(this.opaqueTokens.hash(refreshToken));
  }
}
