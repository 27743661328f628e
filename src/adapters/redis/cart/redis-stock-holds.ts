import type { ReservationResult } from '../../../application/cart/ports/stock-ledger.js';
import { GroupedWrites, type GroupOutcome } from '../../shared/grouped-writes.js';
import { toCount, toLevel, unexpected } from './redis-stock-replies.js';

/** One hold or holdMore queued on a listing, with the id base and time of the events it may store. */
export interface HoldRequest {
  holderId: string;
  quantity: number;
  mode: 'set' | 'add';
  expiresAt: Date;
  now: Date;
  eventBase: string;
  occurredAt: string;
}

/** Runs the batch script (holdsLua) for one listing: its arguments after the keys, its reply. */
export type RunHolds = (listingId: string, args: (string | number)[]) => Promise<unknown>;

/** At most this many holds per script run (8 arguments each). */
const maxGroupSize = 256;

/**
 * Group commit of the holds of one listing (GroupedWrites): while a batch of a listing is in
 * flight, the holds submitted for it queue up and go as the next batch, in one script run, so a
 * hot listing costs one round trip per batch, not per hold. Each hold is decided on its own in
 * queue order and learns its own result; a run that throws (connection lost, say) rejects its
 * whole batch, which Redis then applied wholly or not at all.
 */
export class GroupedHolds {
  private readonly groups: GroupedWrites<HoldRequest, ReservationResult>;

  constructor(run: RunHolds) {
    this.groups = new GroupedWrites(async (listingId, holds) => {
      const replies = await run(listingId, [listingId, ...holds.flatMap(holdArgs)]);
      if (!Array.isArray(replies) || replies.length !== holds.length) throw unexpected('holds', replies);
      return holds.map((hold, index) => outcomeOf(listingId, hold, replies[index]));
    }, maxGroupSize);
  }

  submit(listingId: string, hold: HoldRequest): Promise<ReservationResult> {
    return this.groups.submit(listingId, hold);
  }
}

function holdArgs({
  holderId,
  quantity,
  mode,
  expiresAt,
  now,
  eventBase,
  occurredAt,
}: HoldRequest): (string | number)[] {
  return [holderId, quantity, expiresAt.getTime(), mode, now.getTime(), expiresAt.toISOString(), eventBase, occurredAt];
}

function outcomeOf(listingId: string, hold: HoldRequest, reply: unknown): GroupOutcome<ReservationResult> {
  try {
    return { ok: true, result: toResult(listingId, hold, reply) };
  } catch (error) {
    return { ok: false, error };
  }
}

function toResult(listingId: string, { holderId, expiresAt }: HoldRequest, reply: unknown): ReservationResult {
  const [outcome, onHand, reserved, target] = Array.isArray(reply) ? (reply as unknown[]) : [];
  if (outcome === 'unknown_listing') return { ok: false, reason: outcome, level: null };
  if (outcome === 'insufficient_stock')
    return { ok: false, reason: outcome, level: toLevel(listingId, [onHand, reserved]) };
  if (outcome === 'held') {
    const held = toCount(target);
    const reservation = held === 0 ? null : { listingId, holderId, quantity: held, expiresAt: new Date(expiresAt) };
    return { ok: true, reservation, level: toLevel(listingId, [onHand, reserved]) };
  }
  throw unexpected('hold', reply);
}
