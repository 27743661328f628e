/**
 * Remembers the first answer to a request sent with an `Idempotency-Key`, per caller, for a while
 * (24 h): the same key and body answer it again, another body is a conflict. Shared by every
 * app instance when backed by Redis.
 */
export type IdempotencyClaim =
  | { state: 'claimed' } // first time: do the work, then complete()
  | { state: 'in_progress' } // the same request is being handled right now
  | { state: 'done'; response: string } // answer this again
  | { state: 'mismatch' }; // the key was used with another body

export interface IdempotencyStore {
  claim(scope: string, key: string, fingerprint: string, ttlSeconds: number): Promise<IdempotencyClaim>;
  complete(scope: string, key: string, response: string, ttlSeconds: number): Promise<void>;
  /** Forgets a claim whose work failed, so the client may retry with the same key. */
  release(scope: string, key: string): Promise<void>;
}
export const IdempotencyStore = Symbol.for('IdempotencyStore');
