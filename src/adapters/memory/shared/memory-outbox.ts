import type { EventEnvelope } from '../../../application/shared/events/envelope.js';
import type {
  ClaimedEvents,
  OutboxSignal,
  OutboxStats,
  OutboxStore,
  PendingEvents,
} from '../../../application/shared/outbox/outbox.js';
import { deepCopy } from './deep-copy.js';

interface Lease {
  owner: string;
  until: number;
}

/**
 * The outbox of every in-memory store. A memory adapter appends a change's events in the same
 * synchronous step as the change itself (no await in between), which is as atomic as a
 * single-document write: the embedded default and the tests run the real outbox flow.
 */
export class MemoryOutbox implements OutboxStore {
  readonly name = 'memory';
  private readonly pending = new Map<string, EventEnvelope[]>();
  private readonly leases = new Map<string, Lease>();

  constructor(private readonly signal?: OutboxSignal) {}

  /** Stores `events` for the aggregate `key`, after the ones it already has. */
  append(key: string, events: PendingEvents): void {
    if (events.length === 0) return;
    const queue = this.pending.get(key) ?? [];
    // Envelopes are never changed once built (EventFactory), and the bus hands each handler a copy.
    queue.push(...events);
    this.pending.set(key, queue);
    this.signal?.notify(this.name);
  }

  async claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedEvents[]> {
    const claims: ClaimedEvents[] = [];
    for (const [key, events] of this.pending) {
      if (claims.length >= limit) break;
      const lease = this.leases.get(key);
      if (lease && lease.owner !== owner && lease.until > now.getTime()) continue;
      // already being published by this relay
      if (lease && lease.owner === owner && lease.until > now.getTime()) continue;
      this.leases.set(key, { owner, until: now.getTime() + leaseMs });
      claims.push({ key, events: events.slice(), receipt: events.slice() });
    }
    return claims;
  }

  async done(owner: string, claimed: ClaimedEvents, count: number): Promise<void> {
    const queue = this.pending.get(claimed.key);
    const taken = (claimed.receipt as EventEnvelope[]).slice(0, count);
    // What a claim took is the head of its queue (appends go to the tail): drop that head.
    if (queue && taken.every((event, i) => queue[i] === event)) queue.splice(0, taken.length);
    if (queue?.length === 0) this.pending.delete(claimed.key);
    if (this.leases.get(claimed.key)?.owner === owner) this.leases.delete(claimed.key);
  }

  async stats(): Promise<OutboxStats> {
    let depth = 0;
    let oldest: string | null = null;
    for (const events of this.pending.values()) {
      depth += events.length;
      for (const event of events) if (oldest === null || event.occurredAt < oldest) oldest = event.occurredAt;
    }
    return { depth, oldest: oldest === null ? null : new Date(oldest) };
  }

  /** Every pending event, oldest aggregate first (tests). */
  peek(): EventEnvelope[] {
    return [...this.pending.values()].flat().map((event) => deepCopy(event));
  }
}
export const MemoryOutboxToken = Symbol.for('MemoryOutbox');
