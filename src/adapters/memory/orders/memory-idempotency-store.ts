import type { IdempotencyClaim, IdempotencyStore } from '../../../application/orders/ports/idempotency-store.js';

interface Entry {
  fingerprint: string;
  response?: string;
  expiresAt: number;
}

/** One process's idempotency keys; they expire after their TTL (wall-clock). */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  async claim(scope: string, key: string, fingerprint: string, ttlSeconds: number): Promise<IdempotencyClaim> {
    const id = JSON.stringify([scope, key]);
    const entry = this.entries.get(id);
    if (!entry || entry.expiresAt <= Date.now()) {
      this.entries.set(id, { fingerprint, expiresAt: Date.now() + ttlSeconds * 1000 });
      return { state: 'claimed' };
    }
    if (entry.fingerprint !== fingerprint) return { state: 'mismatch' };
    return entry.response === undefined ? { state: 'in_progress' } : { state: 'done', response: entry.response };
  }

  async complete(scope: string, key: string, response: string, ttlSeconds: number): Promise<void> {
    const entry = this.entries.get(JSON.stringify([scope, key]));
    if (entry) Object.assign(entry, { response, expiresAt: Date.now() + ttlSeconds * 1000 });
  }

  async release(scope: string, key: string): Promise<void> {
    const id = JSON.stringify([scope, key]);
    if (this.entries.get(id)?.response === undefined) this.entries.delete(id);
  }
}
