import type { AuctionDeadline, AuctionSchedule } from '../../../application/auctions/ports/auction-schedule.js';
import { checkLimit, epochMs } from '../../shared/auctions/schedule-input.js';

/**
 * AuctionSchedule in process memory: per kind, auction id -> deadline in epoch ms. Storing the
 * number, not the caller's Date, keeps a later change to that Date from moving the deadline.
 * Same decisions as RedisAuctionSchedule:
 * - `set` of an id already scheduled moves its deadline (one entry per id and kind).
 * - `due` is inclusive of `now`, earliest first, ties by id (string order, as Redis orders
 *   members of equal score; the same for ASCII ids), and removes nothing.
 * - an invalid date, or a limit that is not a non-negative integer, is refused with a RangeError
 *   (a NaN deadline would otherwise never come due, and lose the auction's timer silently).
 */
export class MemoryAuctionSchedule implements AuctionSchedule {
  private readonly deadlines: Record<AuctionDeadline, Map<string, number>> = { start: new Map(), end: new Map() };

  async set(kind: AuctionDeadline, auctionId: string, at: Date): Promise<void> {
    this.deadlines[kind].set(auctionId, epochMs(at, 'at'));
  }

  async due(kind: AuctionDeadline, now: Date, limit: number): Promise<string[]> {
    const until = epochMs(now, 'now');
    checkLimit(limit);
    return [...this.deadlines[kind]]
      .filter(([, at]) => at <= until)
      .sort(([idA, atA], [idB, atB]) => atA - atB || (idA < idB ? -1 : idA > idB ? 1 : 0))
      .slice(0, limit)
      .map(([auctionId]) => auctionId);
  }

  async remove(kind: AuctionDeadline, auctionId: string): Promise<void> {
    this.deadlines[kind].delete(auctionId);
  }
}
