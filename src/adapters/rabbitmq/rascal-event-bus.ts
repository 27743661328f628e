import { once } from 'node:events';
import type { Message } from 'amqplib';
import type { AckOrNack, BrokerAsPromised as Broker, SubscriberSessionAsPromised } from 'rascal';
import type { EventPayloadInput, Topic } from '../../application/shared/events/catalogue.js';
import { deduplicatingHandler } from '../../application/shared/events/deduplicating-handler.js';
import { createEnvelope, parseEnvelope, type EventEnvelope } from '../../application/shared/events/envelope.js';
import type { EventBus, EventHandler, Subscription } from '../../application/shared/events/event-bus.js';
import type { HandledEventLog } from '../../application/shared/events/handled-event-log.js';
import type { Clock } from '../../application/shared/ports/clock.js';
import type { IdGenerator } from '../../application/shared/ports/id-generator.js';
import { PUBLICATION, rascalConfig, rascalNames } from './rascal-config.js';
import type { ConsumerBinding, RascalNames, ReconnectDelays } from './rascal-config.js';
import { RascalConnection, type EventBusLogger } from './rascal-connection.js';
import { confirmed, handlerFor, promised, recoveryFor, toError, type PromisedAckOrNack } from './rascal-messages.js';

export type { EventBusLogger } from './rascal-connection.js';

const silentLogger: EventBusLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface RascalEventBusOptions {
  url: string;
  exchange: string;
  /** Queues are `<queuePrefix>.<consumer>` and `<queuePrefix>.<consumer>.dead`. Default `uty`. */
  queuePrefix?: string;
  /** Waits before each redelivery of a failed message; after the last one it is dead-lettered. */
  retryDelaysMs?: readonly number[];
  /** Unacknowledged messages per consumer. Default 10. */
  prefetch?: number;
  /** How long close() lets a subscription finish its unacknowledged messages. Default 10 s. */
  closeTimeoutMs?: number;
  /** Back-off between attempts to (re)connect and resubscribe. Default 250 ms doubling up to 2 s. */
  reconnect?: ReconnectDelays;
}

interface LocalSubscription extends ConsumerBinding {
  handle: EventHandler;
}

/**
 * EventBus on RabbitMQ through rascal (see rascal-config.ts for the topology).
 *
 * Life cycle: rascal fixes its whole topology when the broker is created, so the broker is
 * created once, lazily, by the first start() or publish(), from the subscriptions registered
 * until then; subscribe() afterwards throws. publish() before start() therefore works (its
 * messages wait in the consumers' durable queues); start() then begins consuming.
 *
 * Broker outage is a degraded mode: start() resolves even when RabbitMQ is unreachable (the
 * broker is then created in the background, and the consumers start once it is); publishing
 * fails at once while the connection is down (the outbox relay retries), never waits for it;
 * rascal reconnects and resubscribes with back-off capped at `reconnect.maxMs`. Broker,
 * publication and subscription errors are logged, never left unhandled.
 *
 * Delivery: at least once, deduplicated per consumer by the HandledEventLog. A failed message
 * is republished to the back of its queue after retryDelaysMs[n] (rascal `republish` with
 * `defer`, counted by rascal's republish header), then nacked into the consumer's dead-letter
 * queue; so is a message that is not a valid envelope.
 */
export class RascalEventBus implements EventBus {
  private readonly names: RascalNames;
  private readonly retryDelaysMs: readonly number[];
  private readonly subscriptions: LocalSubscription[] = [];
  private readonly sessions = new Map<LocalSubscription, SubscriberSessionAsPromised>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly connection: RascalConnection;
  private consuming: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private closed = false;
  private started = false;

  constructor(
    private readonly options: RascalEventBusOptions,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly handledLog: HandledEventLog,
    private readonly logger: EventBusLogger = silentLogger,
  ) {
    this.names = rascalNames(options.exchange, options.queuePrefix ?? 'uty');
    this.retryDelaysMs = options.retryDelaysMs ?? [1_000, 5_000, 15_000];
    const { url, prefetch = 10, closeTimeoutMs = 10_000, reconnect = { minMs: 250, maxMs: 2_000 } } = options;
    const { names, subscriptions } = this;
    const config = () => rascalConfig({ url, names, subscriptions, prefetch, closeTimeoutMs, retry: reconnect });
    this.connection = new RascalConnection(config, reconnect, logger, (broker) => this.onConnected(broker));
  }

  /** Resolves once RabbitMQ has confirmed the (persistent) message. */
  async publish<T extends Topic>(topic: T, payload: EventPayloadInput<T>): Promise<EventEnvelope<T>> {
    const envelope = createEnvelope(topic, payload, this.ids, this.clock);
    await this.send(envelope);
    return envelope;
  }

  async publishEnvelope(envelope: EventEnvelope): Promise<void> {
    await this.send(parseEnvelope(envelope));
  }

  subscribe<T extends Topic>(subscription: Subscription<T>): void {
    if (this.connection.opened) {
      const why = 'the broker topology is fixed when it connects';
      throw new Error(`RascalEventBus: subscribe() must come before start() and the first publish (${why})`);
    }
    const { consumer, topics } = subscription;
    // The handler only ever receives envelopes of the topics it subscribed to (see handlerFor()).
    const handle = deduplicatingHandler(this.handledLog, consumer, subscription.handler as EventHandler);
    this.subscriptions.push({ name: `${consumer}#${this.subscriptions.length}`, consumer, topics, handle });
  }

  /**
   * Connects and starts the consumers; when RabbitMQ cannot be reached, resolves all the same
   * and keeps trying in the background (the consumers start once it is reachable).
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const broker = await this.connection.open();
    if (broker) await this.startConsumers(broker);
  }

  /** For /readyz: fails unless the connection to RabbitMQ is up. */
  async ping(): Promise<void> {
    if (!this.connection.isUp) throw new Error('RabbitMQ is not connected');
  }

  /**
   * Stops consuming, waits for the handlers in flight (they may still publish) and shuts the
   * broker down. Idempotent; publishing afterwards fails.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    const broker = await this.connection.close();
    await this.consuming?.catch(() => undefined);
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    const cancelFailed = (error: unknown) => this.logger.warn({ err: error }, 'could not cancel an event subscription');
    const cancel = (session: SubscriberSessionAsPromised) => session.cancel().catch(cancelFailed);
    await Promise.all(sessions.map(cancel));
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
    await broker?.shutdown();
    this.connection.markDown();
    this.closed = true;
  }

  /** On the first connection and every reconnection: consumers that did not start yet start now. */
  private onConnected(broker: Broker): void {
    if (this.started) void this.startConsumers(broker);
  }

  /** Starts, one at a time, the consumers without a session; a failure is logged and retried on the next connection. */
  private startConsumers(broker: Broker): Promise<void> {
    this.consuming ??= (async () => {
      for (const subscription of this.subscriptions) {
        if (this.sessions.has(subscription) || this.closing) continue;
        try {
          this.sessions.set(subscription, await this.consume(broker, subscription));
        } catch (error) {
          const context = { consumer: subscription.consumer, err: error };
          this.logger.error(context, 'could not start an event consumer; will retry on reconnection');
        }
      }
    })().finally(() => {
      this.consuming = undefined;
    });
    return this.consuming;
  }

  private async send(envelope: EventEnvelope): Promise<void> {
    if (this.closed) throw new Error('the event bus is closed');
    const broker = await this.connection.whenUp();
    const overrides = { routingKey: envelope.topic, options: { messageId: envelope.id } };
    const publication = await broker.publish(PUBLICATION, envelope, overrides);
    const lateError = (error: Error) =>
      this.logger.warn({ err: error, eventId: envelope.id }, 'RabbitMQ error after the publish was settled');
    await confirmed(publication, lateError);
  }

  /** Starts an AMQP consumer and resolves once it is registered with RabbitMQ. */
  private async consume(broker: Broker, subscription: LocalSubscription): Promise<SubscriberSessionAsPromised> {
    const session = await broker.subscribe(subscription.name);
    const context = { consumer: subscription.consumer };
    session.on('error', (error) => this.logger.error({ ...context, err: error }, 'event subscription error'));
    session.on('invalid_content', (error, message, ackOrNack) => {
      this.logger.error(
        { ...context, err: error, messageId: message.properties.messageId },
        'unreadable event message dead-lettered',
      );
      this.track(this.settle(promised(ackOrNack)(error, { strategy: 'nack' }), context));
    });
    const subscribed = once(session, 'subscribed');
    session.on('message', (message: Message, content: unknown, ackOrNack: AckOrNack) =>
      this.track(this.handle(subscription, message, content, promised(ackOrNack))),
    );
    await subscribed;
    return session;
  }

  private async handle(
    own: LocalSubscription,
    message: Message,
    content: unknown,
    ackOrNack: PromisedAckOrNack,
  ): Promise<void> {
    const context = { consumer: own.consumer, messageId: message.properties.messageId as unknown };
    let envelope: EventEnvelope;
    try {
      envelope = parseEnvelope(content);
    } catch (error) {
      this.logger.error({ ...context, err: error }, 'invalid event message dead-lettered');
      return this.settle(ackOrNack(toError(error), { strategy: 'nack' }), context);
    }
    const target = handlerFor(this.subscriptions, own, envelope.topic);
    if (!target) {
      this.logger.warn(
        { ...context, topic: envelope.topic },
        'no handler takes this topic any more (stale binding): message dropped',
      );
      return this.settle(ackOrNack(), context);
    }
    try {
      await target.handle(envelope);
    } catch (error) {
      return this.retryLater(own, message, envelope, toError(error), ackOrNack);
    }
    await this.settle(ackOrNack(), context);
  }

  /** Republishes after a delay, or dead-letters; close() does not wait for a pending delay. */
  private retryLater(
    own: LocalSubscription,
    message: Message,
    envelope: EventEnvelope,
    error: Error,
    ackOrNack: PromisedAckOrNack,
  ): void {
    const recovery = recoveryFor(message, this.names.queue(own.consumer), this.retryDelaysMs);
    const context = { consumer: own.consumer, eventId: envelope.id, topic: envelope.topic, err: error };
    if (recovery.strategy === 'republish')
      this.logger.warn({ ...context, retryInMs: recovery.defer }, 'event handler failed, will retry');
    else this.logger.error(context, 'event handler failed for good: dead-lettered');
    void this.settle(ackOrNack(error, recovery), context);
  }

  /** Never rejects: a failed ack or nack is logged (RabbitMQ then delivers the message again). */
  private async settle(outcome: Promise<void>, context: object): Promise<void> {
    try {
      await outcome;
    } catch (error) {
      this.logger.error({ ...context, err: error }, 'could not acknowledge an event message');
    }
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.then(() => this.inFlight.delete(work));
  }
}
