import { setTimeout as sleep } from 'node:timers/promises';
import type { EventPayloadInput, Topic } from '../../../application/shared/events/catalogue.js';
import { deduplicatingHandler } from '../../../application/shared/events/deduplicating-handler.js';
import { createEnvelope, parseEnvelope, type EventEnvelope } from '../../../application/shared/events/envelope.js';
import type { EventBus, EventHandler, Subscription } from '../../../application/shared/events/event-bus.js';
import type { HandledEventLog } from '../../../application/shared/events/handled-event-log.js';
import type { Clock } from '../../../application/shared/ports/clock.js';
import type { IdGenerator } from '../../../application/shared/ports/id-generator.js';
import { deepCopy } from './deep-copy.js';

/** An event a consumer still failed on after its last retry. */
export interface DeadLetter {
  consumer: string;
  envelope: EventEnvelope;
  error: unknown;
}

export interface InProcessEventBusOptions {
  /** Waits before each retry of a failed handler; after the last one the event is dead-lettered. */
  retryDelaysMs?: readonly number[];
  /** Told of every dead letter (to log it); must not throw. */
  onDeadLetter?: (deadLetter: DeadLetter) => void;
}

interface ConsumerHandler {
  consumer: string;
  topics: readonly Topic[];
  handle: EventHandler;
}

interface ConsumerGroup {
  handlers: ConsumerHandler[];
  turn: number;
}

/**
 * EventBus inside one process, for tests and single-instance runs. Handlers run after the
 * publisher's call has returned (setImmediate), each on its own copy of the envelope, like a
 * broker would deliver it. Subscriptions sharing a consumer name share the work (round robin
 * among those that take the topic); each consumer name gets every event of its topics. Events
 * published before start() wait for it, as they would in a durable queue. drain() lets tests
 * wait until every delivery, retries included, is over.
 */
export class InProcessEventBus implements EventBus {
  private readonly groups = new Map<string, ConsumerGroup>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly waiting: EventEnvelope[] = [];
  private readonly dead: DeadLetter[] = [];
  private readonly retryDelaysMs: readonly number[];
  private started = false;
  private closed = false;

  constructor(
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly handledLog: HandledEventLog,
    private readonly options: InProcessEventBusOptions = {},
  ) {
    this.retryDelaysMs = options.retryDelaysMs ?? [100, 400, 1600];
  }

  async publish<T extends Topic>(topic: T, payload: EventPayloadInput<T>): Promise<EventEnvelope<T>> {
    const envelope = createEnvelope(topic, payload, this.ids, this.clock);
    this.send(envelope);
    return envelope;
  }

  async publishEnvelope(envelope: EventEnvelope): Promise<void> {
    this.send(parseEnvelope(envelope));
  }

  subscribe<T extends Topic>(subscription: Subscription<T>): void {
    this.assertOpen();
    const group = this.groups.get(subscription.consumer) ?? { handlers: [], turn: 0 };
    // The handler only ever receives envelopes of the topics it subscribed to (see pick()).
    const handler = subscription.handler as EventHandler;
    group.handlers.push({
      consumer: subscription.consumer,
      topics: subscription.topics,
      handle: deduplicatingHandler(this.handledLog, subscription.consumer, handler),
    });
    this.groups.set(subscription.consumer, group);
  }

  async start(): Promise<void> {
    this.assertOpen();
    this.started = true;
    for (const envelope of this.waiting.splice(0)) this.dispatch(envelope);
  }

  /** Waits for deliveries in flight and their retries (handlers may still publish), then refuses new events. */
  async close(): Promise<void> {
    await this.drain();
    this.closed = true;
  }

  /** Resolves once no delivery is in flight or waiting for a retry. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  deadLetters(): DeadLetter[] {
    return [...this.dead];
  }

  private send(envelope: EventEnvelope): void {
    this.assertOpen();
    if (this.started) this.dispatch(envelope);
    else this.waiting.push(envelope);
  }

  private dispatch(envelope: EventEnvelope): void {
    for (const group of this.groups.values()) {
      const handler = pick(group, envelope.topic);
      if (handler) this.track(this.deliver(handler, envelope));
    }
  }

  private track(delivery: Promise<void>): void {
    this.inFlight.add(delivery);
    void delivery.then(() => this.inFlight.delete(delivery));
  }

  /** Never rejects: a handler's last failure becomes a dead letter. */
  private async deliver(handler: ConsumerHandler, envelope: EventEnvelope): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    for (let attempt = 0; ; attempt += 1) {
      try {
        await handler.handle(deepCopy(envelope));
        return;
      } catch (error) {
        const delay = this.retryDelaysMs[attempt];
        if (delay === undefined) return this.deadLetter({ consumer: handler.consumer, envelope, error });
        await sleep(delay);
      }
    }
  }

  private deadLetter(deadLetter: DeadLetter): void {
    this.dead.push(deadLetter);
    this.options.onDeadLetter?.(deadLetter);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the event bus is closed');
  }
}

/** The next handler of the group, in turn, among those that take the topic. */
function pick(group: ConsumerGroup, topic: Topic): ConsumerHandler | undefined {
  // Nearly every group has one handler: skip building the candidate list then (same choice).
  if (group.handlers.length === 1) {
    const only = group.handlers[0] as ConsumerHandler;
    if (!only.topics.includes(topic)) return undefined;
    group.turn += 1;
    return only;
  }
  const candidates = group.handlers.filter((handler) => handler.topics.includes(topic));
  if (candidates.length === 0) return undefined;
  group.turn += 1;
  return candidates[group.turn % candidates.length];
}
