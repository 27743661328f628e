import type { EventEnvelope } from '../events/envelope.js';

/**
 * The events a state change causes, handed to the store that writes that change so that both
 * are stored in one atomic step (the transactional outbox). Nothing publishes right after a
 * write: the OutboxRelay publishes what the stores hold.
 */
export type PendingEvents = readonly EventEnvelope[];

/** The pending events of one aggregate (a document, a stream), claimed by one relay for a while. */
export interface ClaimedEvents {
  /** The aggregate they belong to; its events are published in this order. */
  key: string;
  events: EventEnvelope[];
  /** What the store needs to remove exactly these entries (a raw stored form, stream ids). */
  receipt: unknown;
}

export interface OutboxStats {
  /** Events waiting to be published. */
  depth: number;
  /** When the oldest waiting event occurred; null when none waits. */
  oldest: Date | null;
}

/**
 * One store's outbox as the relay sees it. Claims are leases: while `owner` holds one, no other
 * relay gets those events; once it expires (the owner died), another relay takes them over.
 */
export interface OutboxStore {
  readonly name: string;
  /** Claims up to `limit` aggregates with pending events whose lease is free or expired at `now`. */
  claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedEvents[]>;
  /** Removes the first `count` events of the claim (published) and frees its lease. */
  done(owner: string, claimed: ClaimedEvents, count: number): Promise<void>;
  stats(): Promise<OutboxStats>;
}
export const OutboxStore = Symbol.for('OutboxStore');

/**
 * Tells the relay of this process that a store has just written events (so it need not wait for
 * its next poll), naming the store (its `OutboxStore.name`): the relay then claims from that store
 * alone, not from every store.
 */
export class OutboxSignal {
  private readonly listeners = new Set<(store: string) => void>();

  notify(store: string): void {
    for (const listener of this.listeners) listener(store);
  }

  listen(listener: (store: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
export const OutboxSignalToken = Symbol.for('OutboxSignal');
