import type { BidKeyRecord } from '../../../application/auctions/judge-bid.js';
import type { AcceptedBid } from '../../../application/auctions/ports/auction-live-state.js';
import type { EventEnvelope } from '../../../application/shared/events/envelope.js';
import type { PendingEvents } from '../../../application/shared/outbox/outbox.js';
import type { Auction } from '../../../domain/auctions/auction.js';
import type { GroupOutcome } from '../../shared/grouped-writes.js';

/** What a write of an auction reads: state, bid sequence, the Idempotency-Key records it named (by Redis key). */
export interface LiveView {
  current: Auction | null;
  sequence: number;
  records: ReadonlyMap<string, BidKeyRecord>;
}

/** A key record to store with a bid: its Redis key, value and lifetime. */
export interface KeyWrite {
  key: string;
  record: BidKeyRecord;
  ttlSeconds: number;
}

/** A change of the live state: the new state and sequence, its events, the accepted bid and key record if any. */
export interface LiveStateChange {
  auction: Auction;
  sequence: number;
  events: PendingEvents;
  accepted?: AcceptedBid;
  keyWrite?: KeyWrite;
}

/** What a write decides from its view: a result, and the change to store (none: the state stays). */
export interface LiveChange<T> {
  result: T;
  change?: LiveStateChange;
}

/** One write queued on an auction: the key records it needs read (and watched), and its decision. */
export interface LiveWrite<T> {
  recordKeys: readonly string[];
  decide(view: LiveView): LiveChange<T>;
}

/** Everything a group of writes stores in one MULTI; `state` null when none of them changed anything. */
export interface GroupBatch {
  state: Auction | null;
  sequence: number;
  events: EventEnvelope[];
  accepted: AcceptedBid[];
  keyWrites: KeyWrite[];
  outcomes: GroupOutcome<unknown>[];
}

/**
 * Applies each write of a group in turn to the view the previous one left (state, sequence and
 * the key records written so far). A write that throws (a bid too low, say) leaves it as it was
 * for the next one.
 */
export function decideGroup(group: readonly LiveWrite<unknown>[], read: LiveView): GroupBatch {
  const view = { current: read.current, sequence: read.sequence, records: new Map(read.records) };
  const batch: GroupBatch = {
    state: null,
    sequence: read.sequence,
    events: [],
    accepted: [],
    keyWrites: [],
    outcomes: [],
  };
  for (const write of group) {
    try {
      const { result, change } = write.decide(view);
      if (change) {
        view.current = batch.state = change.auction;
        view.sequence = batch.sequence = change.sequence;
        batch.events.push(...change.events);
        if (change.accepted) batch.accepted.push(change.accepted);
        if (change.keyWrite) {
          batch.keyWrites.push(change.keyWrite);
          view.records.set(change.keyWrite.key, change.keyWrite.record);
        }
      }
      batch.outcomes.push({ ok: true, result });
    } catch (error) {
      batch.outcomes.push({ ok: false, error });
    }
  }
  return batch;
}
