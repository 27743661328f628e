import type { Clock } from '../../shared/ports/clock.js';
import type { AuctionLiveState } from '../ports/auction-live-state.js';
import type { AuctionRepository } from '../ports/auction-repository.js';
import type { AuctionSchedule } from '../ports/auction-schedule.js';
import type { FinishClosedAuction } from './finish-closed-auction.js';

/** Auctions closed by a step at most this far apart: past it, an unfinished close is finished again. */
const FINISH_GRACE_MS = 30_000;
const BATCH = 100;

export type DueOutcome = 'closed' | 'extended' | 'finishing' | 'refinished' | 'reloaded' | 'gone';

/**
 * One tick of the timer, run by every instance: each auction whose end is due is closed by the
 * live state's atomic `closeIfDue`, so exactly one instance closes it and finishes the close.
 * The others find it closed (and leave it, unless the closer seems to have died: then they finish
 * it again, idempotently) or extended by a late bid (they move its deadline).
 */
export class CloseDueAuctions {
  constructor(
    private readonly live: AuctionLiveState,
    private readonly auctions: AuctionRepository,
    private readonly schedule: AuctionSchedule,
    private readonly finish: FinishClosedAuction,
    private readonly clock: Clock,
  ) {}

  /** Answers what happened to each due auction, by id. */
  async execute(): Promise<Map<string, DueOutcome>> {
    const now = this.clock.now();
    const due = await this.schedule.due('end', now, BATCH);
    const outcomes = await Promise.all(due.map((auctionId) => this.settle(auctionId, now)));
    return new Map(due.map((auctionId, i) => [auctionId, outcomes[i]!]));
  }

  private async settle(auctionId: string, now: Date): Promise<DueOutcome> {
    const closed = await this.live.closeIfDue(auctionId, now);
    if (closed) {
      await this.finish.execute(closed);
      return 'closed';
    }
    const state = await this.live.get(auctionId);
    if (!state) return this.reload(auctionId);
    if (state.status === 'live' || state.status === 'scheduled') {
      await this.schedule.set('end', auctionId, state.endsAt);
      return 'extended';
    }
    if (state.status === 'cancelled') {
      await this.schedule.remove('end', auctionId);
      return 'gone';
    }
    if (now.getTime() - state.endsAt.getTime() < FINISH_GRACE_MS) return 'finishing';
    await this.finish.execute(state);
    return 'refinished';
  }

  /** The live state lost it: put the stored auction back (closed on the next tick), or forget a finished one. */
  private async reload(auctionId: string): Promise<DueOutcome> {
    const stored = await this.auctions.findById(auctionId);
    if (stored && (stored.status === 'live' || stored.status === 'scheduled')) {
      await this.live.put(stored);
      return 'reloaded';
    }
    await this.schedule.remove('end', auctionId);
    return 'gone';
  }
}
