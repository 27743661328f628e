import { randomUUID } from 'node:crypto';
import type {
  ClaimOptions,
  IdempotencyClaim,
  IdempotencyStore,
} from '../../../application/orders/ports/idempotency-store.js';
import type { Clock } from '../../../application/shared/ports/clock.js';

interface Entry {
  fingerprint: string;
  response?: string;
  expiresAt: number;
  /** The claim's holder and when its lease runs out (while there is no response). */
  token?: string;
  leaseUntil: number;
}

/** One process's idempotency keys; keys expire after their TTL and claims after their lease (on the clock). */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: Clock) {}

  async claim(scope: string, key: string, fingerprint: string, options: ClaimOptions): Promise<IdempotencyClaim> {
    const id = JSON.stringify([scope, key]);
    const now = this.clock.now().getTime();
    const entry = this.entries.get(id);
    const lease = () => ({ token: randomUUID(), leaseUntil: now + options.leaseMs });
    if (!entry || entry.expiresAt <= now) {
      const claimed = { fingerprint, expiresAt: now + options.ttlSeconds * 1000, ...lease() };
      this.entries.set(id, claimed);
      return { state: 'claimed', token: claimed.token, recovered: false };
    }
    if (entry.fingerprint !== fingerprint) return { state: 'mismatch' };
    if (entry.response !== undefined) return { state: 'done', response: entry.response };
    if (entry.leaseUntil > now) return { state: 'in_progress' };
    Object.assign(entry, lease());
    return { state: 'claimed', token: entry.token as string, recovered: true };
  }

  async complete(scope: string, key: string, response: string, ttlSeconds: number): Promise<void> {
    const entry = this.entries.get(JSON.stringify([scope, key]));
    if (entry) Object.assign(entry, { response, expiresAt: this.clock.now().getTime() + ttlSeconds * 1000 });
  }

  async release(scope: string, key: string, token: string): Promise<void> {
    const id = JSON.stringify([scope, key]);
    const entry = this.entries.get(id);
    if (entry?.response === undefined && entry?.token === token) this.entries.delete(id);
  }
}
