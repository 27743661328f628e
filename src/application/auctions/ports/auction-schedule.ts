/** The two deadlines the timer acts on: an auction's start and its end. */
export type AuctionDeadline = 'start' | 'end';

/**
 * The durable timetable of auction deadlines (a Redis sorted set per kind when configured,
 * memory otherwise). Every app instance reads it; entries stay until removed, so an instance
 * that dies while acting on one leaves it for the next sweep. Claiming is not its job: the
 * AuctionLiveState's atomic close (`decideClose`) decides who closes.
 */
export interface AuctionSchedule {
  /** Sets, or moves, the auction's deadline of this kind. */
  set(kind: AuctionDeadline, auctionId: string, at: Date): Promise<void>;
  /** Up to `limit` auction ids whose deadline of this kind is at or before `now`, earliest first. */
  due(kind: AuctionDeadline, now: Date, limit: number): Promise<string[]>;
  /** Removes the auction's deadline of this kind (absent: nothing happens). */
  remove(kind: AuctionDeadline, auctionId: string): Promise<void>;
}
export const AuctionSchedule = Symbol.for('AuctionSchedule');
