import type { Role } from '../../../domain/identity/role.js';

/** Who is calling, as proven by an access token. */
export interface Principal {
  userId: string;
  roles: Role[];
  /** When the token that proved it expires (set by `verify`; long-lived connections end then). */
  expiresAt?: Date;
}

export interface IssuedAccessToken {
  token: string;
  expiresAt: Date;
}

export interface AccessTokenService {
  issue(principal: Principal): IssuedAccessToken;
  /** Returns the principal, or throws `AUTH_INVALID_TOKEN` for a bad, tampered, expired or unsigned token. */
  verify(token: string): Principal;
}
export const AccessTokenService = Symbol.for('AccessTokenService');
