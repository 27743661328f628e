import type { Topic } from './catalogue.js';
import type { EventHandler } from './event-bus.js';
import type { HandledEventLog } from './handled-event-log.js';

/** Thrown while another delivery of the same event holds the claim: the bus retries it later. */
export class EventBeingHandledElsewhere extends Error {
  constructor(consumer: string, eventId: string) {
    super(`event ${eventId} is being handled by another delivery to ${consumer}; retrying later`);
    this.name = 'EventBeingHandledElsewhere';
  }
}

/**
 * Wraps a consumer's handler so that an event id it has handled is skipped. A copy that arrives
 * while another is being handled is retried rather than dropped, so that it is not lost when
 * the holder of the claim dies.
 */
export function deduplicatingHandler<T extends Topic>(
  log: HandledEventLog,
  consumer: string,
  handler: EventHandler<T>,
): EventHandler<T> {
  return async (event) => {
    const claim = await log.claim(consumer, event.id);
    if (claim === 'handled') return;
    if (claim === 'busy') throw new EventBeingHandledElsewhere(consumer, event.id);
    try {
      await handler(event);
    } catch (error) {
      await log.release(consumer, event.id);
      throw error;
    }
    await log.complete(consumer, event.id);
  };
}
