import type { Clock } from '../../shared/ports/clock.js';
import type { AuctionLiveState } from '../ports/auction-live-state.js';
import type { AuctionRepository } from '../ports/auction-repository.js';
import type { AuctionSchedule } from '../ports/auction-schedule.js';

const BATCH = 100;

/**
 * One tick of the timer for starts: a scheduled auction whose start has come is stored as live.
 * Bids are judged by the dates already (the live state needs no change), and a stale write is
 * ignored by the repository, so instances racing here do no harm.
 */
export class StartDueAuctions {
  constructor(
    private readonly live: AuctionLiveState,
    private readonly auctions: AuctionRepository,
    private readonly schedule: AuctionSchedule,
    private readonly clock: Clock,
  ) {}

  /** Answers the ids of the auctions it started. */
  async execute(): Promise<string[]> {
    const due = await this.schedule.due('start', this.clock.now(), BATCH);
    await Promise.all(due.map((auctionId) => this.start(auctionId)));
    return due;
  }

  private async start(auctionId: string): Promise<void> {
    const state = (await this.live.get(auctionId)) ?? (await this.auctions.findById(auctionId));
    if (state?.status === 'scheduled') await this.auctions.saveState({ ...state, status: 'live' });
    await this.schedule.remove('start', auctionId);
  }
}
