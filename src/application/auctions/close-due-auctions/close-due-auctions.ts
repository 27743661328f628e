import { isFinal } from '../../../domain/auctions/auction.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { AuctionEvents } from '../auction-events.js';
import { decideClose } from '../live-decisions.js';
import type { AuctionLiveState } from '../ports/auction-live-state.js';
import type { AuctionRepository } from '../ports/auction-repository.js';
import type { AuctionSchedule } from '../ports/auction-schedule.js';
import type { FinishClosedAuction } from './finish-closed-auction.js';

const BATCH = 100;

export type DueOutcome = 'closed' | 'extended' | 'finished' | 'reloaded' | 'gone';

/**
 * One tick of the timer, run by every instance: each auction whose end is due is closed in one
 * atomic step of the live state (`decideClose`), which stores `auction.ended` and the
 * notifications with the close, so exactly one instance closes it and the events exist exactly
 * once. The others find it:
 * - closed or cancelled (its end deadline still there): they finish it again, idempotently, in
 *   case the instance that closed or cancelled it died half-way;
 * - extended by a late bid (or an early deadline left by a refused cancel): they move the deadline;
 * - lost by the live state: they put the stored auction back, closed on the next tick.
 */
export class CloseDueAuctions {
  constructor(
    private readonly live: AuctionLiveState,
    private readonly auctions: AuctionRepository,
    private readonly schedule: AuctionSchedule,
    private readonly finish: FinishClosedAuction,
    private readonly events: AuctionEvents,
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
    const closed = await this.live.transact(
      auctionId,
      decideClose(now, (auction) => this.events.ended(auction)),
    );
    if (closed) {
      await this.finish.execute(closed);
      return 'closed';
    }
    const state = await this.live.get(auctionId);
    if (!state) return this.reload(auctionId);
    if (!isFinal(state.status)) {
      await this.schedule.set('end', auctionId, state.endsAt);
      return 'extended';
    }
    await this.finish.execute(state);
    return 'finished';
  }

  /** The live state lost it: put the stored auction back (closed on the next tick), or forget a finished one. */
  private async reload(auctionId: string): Promise<DueOutcome> {
    const stored = await this.auctions.findById(auctionId);
    if (stored && !isFinal(stored.status)) {
      await this.live.put(stored);
      return 'reloaded';
    }
    await this.schedule.remove('end', auctionId);
    return 'gone';
  }
}
