import type { Session } from '../../../application/identity/session-issuer.js';
import type { User } from '../../../domain/identity/user.js';

/** The public shape of a user: never the password hash or internal keys. */
export function presentUser(user: User) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: user.roles,
    kyc: { status: user.kyc.status, ...(user.kyc.reason ? { reason: user.kyc.reason } : {}) },
    ...(user.phone ? { phone: user.phone } : {}),
    ...(user.address ? { address: user.address } : {}),
    createdAt: user.createdAt.toISOString(),
  };
}

export function presentSession(session: Session) {
  return {
    user: presentUser(session.user),
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    accessTokenExpiresAt: session.accessTokenExpiresAt.toISOString(),
    refreshTokenExpiresAt: session.refreshTokenExpiresAt.toISOString(),
  };
}
