import type { UserForAdmin } from '../../../application/identity/get-user-for-admin/get-user-for-admin.js';
import type { Device } from '../../../application/identity/ports/device-repository.js';
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

/** `{ [key]: the ISO string }`, or nothing when the date is absent. */
const isoField = (key: string, date: Date | undefined) => (date ? { [key]: date.toISOString() } : {});

/** A user as an admin reviews them: the KYC's dates, decision and documents with their download links. */
export function presentUserForAdmin({ user, documents }: UserForAdmin) {
  const { status, submittedAt, decidedAt, decidedBy, reason } = user.kyc;
  const kyc = {
    status,
    ...isoField('submittedAt', submittedAt),
    documents,
    ...isoField('decidedAt', decidedAt),
    ...(decidedBy ? { decidedBy } : {}),
    ...(reason ? { reason } : {}),
  };
  return { ...presentUser(user), kyc };
}

/** A push device as registered: never its owner's id (the caller's own). */
export function presentDevice({ token, platform, registeredAt }: Device) {
  return { token, platform, registeredAt: registeredAt.toISOString() };
}
