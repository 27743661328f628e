import { isFinal } from '../../../domain/auctions/auction.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { AuctionLiveState } from '../ports/auction-live-state.js';
import type { AuctionRepository } from '../ports/auction-repository.js';
import type { AuctionSchedule } from '../ports/auction-schedule.js';

/**
 * Start-up work: every open auction stored in MongoDB is held by the live state and is on the
 * timer, even if Redis lost them. The live state's own view wins where it has one (it may hold
 * later bids and an extended end); one it already closed or cancelled is due now, so that the
 * timer finishes what a dead instance left. Answers how many auctions the live state had to be given.
 */
export class ReconcileAuctions {
  constructor(
    private readonly auctions: AuctionRepository,
    private readonly live: AuctionLiveState,
    private readonly schedule: AuctionSchedule,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<number> {
    let reloaded = 0;
    for (const stored of await this.auctions.listOpen()) {
      let current = await this.live.get(stored.id);
      if (!current) {
        await this.live.put(stored);
        current = stored;
        reloaded += 1;
      }
      if (current.status === 'scheduled') await this.schedule.set('start', stored.id, current.startsAt);
      await this.schedule.set('end', stored.id, isFinal(current.status) ? this.clock.now() : current.endsAt);
    }
    return reloaded;
  }
}
