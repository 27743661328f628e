/**
 * Remembers the first answer to a request sent with an `Idempotency-Key`, per caller, for a while
 * (24 h): the same key and body answer it again, another body is a conflict. Shared by every
 * app instance when backed by Redis.
 *
 * A claim is a lease of `leaseMs`: when its holder dies without completing or releasing it, the
 * key can be claimed again once the lease has run out (`recovered: true`), so a retry finishes or
 * redoes the work instead of waiting for an answer that will never come.
 */
export type IdempotencyClaim =
  // do the work, then complete(); recovered: an earlier holder died
  | { state: 'claimed'; token: string; recovered: boolean }
  | { state: 'in_progress' } // the same request is being handled right now (its lease runs)
  | { state: 'done'; response: string } // answer this again
  | { state: 'mismatch' }; // the key was used with another body

export interface ClaimOptions {
  /** How long the key is remembered. */
  ttlSeconds: number;
  /** How long the claim holds before another request may take the key over. */
  leaseMs: number;
}

export interface IdempotencyStore {
  claim(scope: string, key: string, fingerprint: string, options: ClaimOptions): Promise<IdempotencyClaim>;
  complete(scope: string, key: string, response: string, ttlSeconds: number): Promise<void>;
  /**
   * Forgets a claim whose work failed, so the client may retry with the same key at once. Only
   * the holder of `token` can: a claim taken over meanwhile, or completed, stays.
   */
  release(scope: string, key: string, token: string): Promise<void>;
}
export const IdempotencyStore = Symbol.for('IdempotencyStore');
