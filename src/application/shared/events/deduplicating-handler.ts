import type { Topic } from './catalogue.js';
import type { EventHandler } from './event-bus.js';
import type { HandledEventLog } from './handled-event-log.js';

/** Wraps a consumer's handler so that an event id it has handled is skipped. */
export function deduplicatingHandler<T extends Topic>(log: HandledEventLog, consumer: string, handler: EventHandler<T>): EventHandler<T> {
  return async (event) => {
    if (!(await log.claim(consumer, event.id))) return;
    try {
      await handler(event);
    } catch (error) {
      await log.release(consumer, event.id);
      throw error;
    }
    await log.complete(consumer, event.id);
  };
}
