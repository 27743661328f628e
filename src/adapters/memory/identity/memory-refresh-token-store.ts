import type {
  RefreshTokenStore,
  RevocationResult,
  RotationResult,
  StoredRefreshToken,
} from '../../../application/identity/ports/refresh-token-store.js';

interface Entry {
  token: StoredRefreshToken;
  spent: boolean;
}

/**
 * RefreshTokenStore in process memory. Spent tokens are kept (to detect reuse) and revoked
 * families remembered; nothing is ever evicted, which suits tests and the embedded profile.
 */
export class MemoryRefreshTokenStore implements RefreshTokenStore {
  private readonly entries = new Map<string, Entry>();
  private readonly revokedFamilies = new Set<string>();

  async add(token: StoredRefreshToken): Promise<void> {
    this.entries.set(token.tokenHash, { token: copy(token), spent: false });
  }

  async rotate(
    tokenHash: string,
    next: Omit<StoredRefreshToken, 'familyId' | 'userId'>,
    now: Date,
  ): Promise<RotationResult> {
    const entry = this.usableEntry(tokenHash, now);
    if (!entry) return { outcome: 'invalid' };
    const { familyId, userId } = entry.token;
    if (entry.spent) {
      this.revokedFamilies.add(familyId);
      return { outcome: 'reused', familyId };
    }
    entry.spent = true;
    await this.add({ tokenHash: next.tokenHash, familyId, userId, expiresAt: next.expiresAt });
    return { outcome: 'rotated', previous: copy(entry.token) };
  }

  async revokeFamilyOf(tokenHash: string, ownerId?: string): Promise<RevocationResult> {
    const entry = this.entries.get(tokenHash);
    if (!entry) return 'unknown';
    if (ownerId !== undefined && entry.token.userId !== ownerId) return 'not_owner';
    this.revokedFamilies.add(entry.token.familyId);
    return 'revoked';
  }

  /** The entry of a known, unexpired token of a family that is not revoked. */
  private usableEntry(tokenHash: string, now: Date): Entry | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry || entry.token.expiresAt.getTime() <= now.getTime()) return undefined;
    return this.revokedFamilies.has(entry.token.familyId) ? undefined : entry;
  }
}

function copy(token: StoredRefreshToken): StoredRefreshToken {
  return {
    tokenHash: token.tokenHash,
    familyId: token.familyId,
    userId: token.userId,
    expiresAt: new Date(token.expiresAt),
  };
}
