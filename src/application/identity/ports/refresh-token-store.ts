/** A refresh token as stored: only its hash, never the token itself. */
export interface StoredRefreshToken {
  tokenHash: string;
  /** Every token issued from one login shares a family; reuse of a spent token revokes the family. */
  familyId: string;
  userId: string;
  expiresAt: Date;
}

export type RotationResult =
  | { outcome: 'rotated'; previous: StoredRefreshToken }
  | { outcome: 'reused'; familyId: string } // the token was already spent: the family is now revoked
  | { outcome: 'invalid' }; // unknown, expired or revoked

export type RevocationResult = 'revoked' | 'unknown' | 'not_owner';

export interface RefreshTokenStore {
  /** Stores a fresh token (the first of a family at login, or a rotated one). */
  add(token: StoredRefreshToken): Promise<void>;
  /**
   * Atomically spends `tokenHash` and stores `next` in the same family. Of racing rotations of
   * one token exactly one gets `rotated`; presenting a spent token revokes its whole family.
   * `next.familyId` and `next.userId` are taken from the spent token.
   */
  rotate(tokenHash: string, next: Omit<StoredRefreshToken, 'familyId' | 'userId'>, now: Date): Promise<RotationResult>;
  /**
   * Revokes the family of `tokenHash` (logout): `unknown` when no such token is stored. With
   * `ownerId`, a token of another user is `not_owner` and nothing is revoked (checked in the same
   * atomic step as the revocation).
   */
  revokeFamilyOf(tokenHash: string, ownerId?: string): Promise<RevocationResult>;
}
export const RefreshTokenStore = Symbol.for('RefreshTokenStore');
