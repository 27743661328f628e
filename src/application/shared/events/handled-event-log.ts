/**
 * Remembers which event ids each consumer has handled, so that redelivery (at least once) does
 * not run a handler twice. Shared by every app instance when backed by Redis.
 */
export interface HandledEventLog {
  /** Claims (consumer, eventId) for handling; false when it is handled or being handled elsewhere. */
  claim(consumer: string, eventId: string): Promise<boolean>;
  /** Marks the claimed event as handled for good. */
  complete(consumer: string, eventId: string): Promise<void>;
  /** Gives up a claim after a failure, so that a retry may handle it. */
  release(consumer: string, eventId: string): Promise<void>;
}
export const HandledEventLog = Symbol.for('HandledEventLog');
