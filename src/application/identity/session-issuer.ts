import type { User } from '../../domain/identity/user.js';
import type { Clock } from '../shared/ports/clock.js';
import type { IdGenerator } from '../shared/ports/id-generator.js';
import type { AccessTokenService } from './ports/access-token-service.js';
import type { OpaqueTokenGenerator } from './ports/opaque-token-generator.js';
import type { RefreshTokenStore } from './ports/refresh-token-store.js';

export interface Session {
  user: User;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

/** Starts a login (a new refresh-token family) and rotates refresh tokens within one. */
export class SessionIssuer {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenStore,
    private readonly opaqueTokens: OpaqueTokenGenerator,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly refreshTtlSeconds: number,
  ) {}

  async start(user: User): Promise<Session> {
    const fresh = this.freshRefreshToken();
    await this.refreshTokens.add({
      tokenHash: fresh.hash,
      familyId: this.ids.next(),
      userId: user.id,
      expiresAt: fresh.expiresAt,
    });
    return this.session(user, fresh.token, fresh.expiresAt);
  }

  /** A new refresh token to rotate into: the raw token for the client, its hash for the store. */
  freshRefreshToken(): { token: string; hash: string; expiresAt: Date } {
    const token = this.opaqueTokens.generate();
    const expiresAt = new Date(this.clock.now().getTime() + this.refreshTtlSeconds * 1000);
    return { token, hash: this.opaqueTokens.hash(token), expiresAt };
  }

  session(user: User, refreshToken: string, refreshTokenExpiresAt: Date): Session {
    const access = this.accessTokens.issue({ userId: user.id, roles: user.roles });
    return {
      user,
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      refreshTokenExpiresAt,
    };
  }
}
