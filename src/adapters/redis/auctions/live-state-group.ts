import type { AcceptedBid, BidKeyRecord, Decide } from '../../../application/auctions/ports/auction-live-state.js';
import type { EventEnvelope } from '../../../application/shared/events/envelope.js';
import type { Auction } from '../../../domain/auctions/auction.js';
import type { GroupOutcome } from '../../shared/grouped-writes.js';

/** What a group of writes of an auction reads: state, bid sequence, the key records they name (by Redis key). */
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

/** One write queued on an auction: its decision, and the Redis key (and lifetime) of the key record it reads. */
export interface LiveWrite<T> {
  decide: Decide<T>;
  recordKey?: { key: string; ttlSeconds: number };
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

const unnamedRecord = 'a decision kept an Idempotency-Key record its write did not name';

/**
 * Runs each write's decision in turn on the view the previous one left (state, sequence and the
 * key records written so far). A write that throws (a bid too low, say) leaves it as it was for
 * the next one.
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
  for (const { decide, recordKey } of group) {
    try {
      const recorded = recordKey ? (view.records.get(recordKey.key) ?? null) : null;
      const { result, change } = decide({ auction: view.current, sequence: view.sequence, recorded });
      if (change?.record && !recordKey) throw new Error(unnamedRecord);
      if (change) {
        view.current = batch.state = change.auction;
        view.sequence = batch.sequence = change.sequence;
        batch.events.push(...change.events);
        if (change.accepted) batch.accepted.push(change.accepted);
        if (change.record && recordKey) {
          batch.keyWrites.push({ key: recordKey.key, record: change.record, ttlSeconds: recordKey.ttlSeconds });
          view.records.set(recordKey.key, change.record);
        }
      }
      batch.outcomes.push({ ok: true, result });
    } catch (error) {
      batch.outcomes.push({ ok: false, error });
    }
  }
  return batch;
}
