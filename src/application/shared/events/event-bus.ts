import type { EventPayloadInput, Topic } from './catalogue.js';
import type { EventEnvelope } from './envelope.js';

export type EventHandler<T extends Topic = Topic> = (event: EventEnvelope<T>) => Promise<void>;

export interface Subscription<T extends Topic = Topic> {
  /** Durable consumer name: every app instance with the same name shares one queue. */
  consumer: string;
  topics: readonly T[];
  handler: EventHandler<T>;
}

/**
 * Publishes typed events and delivers them, at least once, to named consumers. A consumer never
 * sees the same event id twice once it has handled it; a handler that throws is retried with
 * back-off and then set aside (dead-lettered).
 */
export interface EventBus {
  publish<T extends Topic>(topic: T, payload: EventPayloadInput<T>): Promise<EventEnvelope<T>>;
  /** Sends an event that already has its id (an outbox relay, a replay): consumers deduplicate on that id. */
  publishEnvelope(envelope: EventEnvelope): Promise<void>;
  /** Registers a consumer; call before start(). */
  subscribe<T extends Topic>(subscription: Subscription<T>): void;
  /** Declares queues and begins delivering to the registered consumers. */
  start(): Promise<void>;
  /** Stops consuming, waits for handlers in flight, closes connections. */
  close(): Promise<void>;
}
export const EventBus = Symbol.for('EventBus');
