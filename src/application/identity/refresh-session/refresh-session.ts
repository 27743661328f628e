import { identityErrors } from '../../../domain/identity/errors.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { OpaqueTokenGenerator } from '../ports/opaque-token-generator.js';
import type { RefreshTokenStore } from '../ports/refresh-token-store.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { Session, SessionIssuer } from '../session-issuer.js';

/**
 * Spends a refresh token for a new pair. A token presented a second time is reuse (it was
 * stolen or replayed): the whole family of that login is revoked and the caller gets 401.
 */
export class RefreshSession {
  constructor(
    private readonly refreshTokens: RefreshTokenStore,
    private readonly opaqueTokens: OpaqueTokenGenerator,
    private readonly users: UserRepository,
    private readonly sessions: SessionIssuer,
    private readonly clock: Clock,
  ) {}

  async execute(refreshToken: string): Promise<Session> {
    const next = this.sessions.freshRefreshToken();
    const result = await this.refreshTokens.rotate(
      this.opaqueTokens.hash(refreshToken),
      { tokenHash: next.hash, expiresAt: next.expiresAt },
      this.clock.now(),
    );
    if (result.outcome === 'reused') throw identityErrors.refreshTokenReused();
    if (result.outcome === 'invalid') throw identityErrors.invalidRefreshToken();
    const user = await this.users.findById(result.previous.userId);
    if (!user) {
      await this.refreshTokens.revokeFamilyOf(next.hash);
      throw identityErrors.invalidRefreshToken();
    }
    return this.sessions.session(user, next.token, next.expiresAt);
  }
}
