/**
 * Remembers which event ids each consumer has handled, so that redelivery (at least once) does
 * not run a handler twice. Shared by every app instance when backed by Redis.
 */
export type ClaimResult = 'claimed' | 'handled' | 'busy';

export interface HandledEventLog {
  /**
   * Claims (consumer, eventId) for handling: `claimed` (go ahead), `handled` (skip it for good) or
   * `busy` (another delivery holds the claim right now; retry later, in case that holder dies).
   */
  claim(consumer: string, eventId: string): Promise<ClaimResult>;
  /** Marks the claimed event as handled for good. */
  complete(consumer: string, eventId: string): Promise<void>;
  /** Gives up a claim after a failure, so that a retry may handle it. */
  release(consumer: string, eventId: string): Promise<void>;
}
export const HandledEventLog = Symbol.for('HandledEventLog');
