import { once } from 'node:events';
import type { Message } from 'amqplib';
import rascal from 'rascal';
import type { AckOrNack, BrokerAsPromised as Broker, SubscriberSessionAsPromised } from 'rascal';
import type { EventPayloadInput, Topic } from '../../application/shared/events/catalogue.js';
import { deduplicatingHandler } from '../../application/shared/events/deduplicating-handler.js';
import { createEnvelope, parseEnvelope, type EventEnvelope } from '../../application/shared/events/envelope.js';
import type { EventBus, EventHandler, Subscription } from '../../application/shared/events/event-bus.js';
import type { HandledEventLog } from '../../application/shared/events/handled-event-log.js';
import type { Clock } from '../../application/shared/ports/clock.js';
import type { IdGenerator } from '../../application/shared/ports/id-generator.js';
import { PUBLICATION, rascalConfig, rascalNames, type ConsumerBinding, type RascalNames } from './rascal-config.js';
import { confirmed, handlerFor, promised, recoveryFor, toError, type PromisedAckOrNack } from './rascal-messages.js';

const { BrokerAsPromised, withDefaultConfig } = rascal;

/** What the bus logs through (pino fits). */
export interface EventBusLogger {
  info(context: object, message: string): void;
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
}

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
 * Delivery: at least once, deduplicated per consumer by the HandledEventLog. A failed message
 * is republished to the back of its queue after retryDelaysMs[n] (rascal `republish` with
 * `defer`, counted by rascal's republish header), then nacked into the consumer's dead-letter
 * queue; so is a message that is not a valid envelope. Broker and subscription errors are
 * logged; rascal reconnects and resubscribes by itself.
 */
export class RascalEventBus implements EventBus {
  private readonly names: RascalNames;
  private readonly retryDelaysMs: readonly number[];
  private readonly subscriptions: LocalSubscription[] = [];
  private readonly sessions: SubscriberSessionAsPromised[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private broker: Promise<Broker> | undefined;
  private closing: Promise<void> | undefined;
  private closed = false;
  private connected = false;
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
    if (this.broker) throw new Error('RascalEventBus: subscribe() must come before start() and the first publish (the broker topology is fixed when it connects)');
    const { consumer, topics } = subscription;
    // The handler only ever receives envelopes of the topics it subscribed to (see handlerFor()).
    const handle = deduplicatingHandler(this.handledLog, consumer, subscription.handler as EventHandler);
    this.subscriptions.push({ name: `${consumer}#${this.subscriptions.length}`, consumer, topics, handle });
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const broker = await this.connect();
    for (const subscription of this.subscriptions) this.sessions.push(await this.consume(broker, subscription));
  }

  /** For /readyz: fails unless the connection to RabbitMQ is up. */
  async ping(): Promise<void> {
    if (!this.broker || !this.connected) throw new Error('RabbitMQ is not connected');
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
    const broker = await this.broker?.catch(() => undefined);
    await Promise.all(this.sessions.splice(0).map((session) => session.cancel()));
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
    await broker?.shutdown();
    this.connected = false;
    this.closed = true;
  }

  private connect(): Promise<Broker> {
    if (this.closed || (this.closing && !this.broker)) return Promise.reject(new Error('the event bus is closed'));
    this.broker ??= this.createBroker().catch((error: unknown) => {
      this.broker = undefined;
      throw error;
    });
    return this.broker;
  }

  private async createBroker(): Promise<Broker> {
    const { url, prefetch = 10, closeTimeoutMs = 10_000 } = this.options;
    const config = rascalConfig({ url, names: this.names, subscriptions: this.subscriptions, prefetch, closeTimeoutMs });
    const broker = await BrokerAsPromised.create(withDefaultConfig(config));
    this.connected = true;
    broker.on('error', (error: unknown) => this.logger.error({ err: error }, 'RabbitMQ error'));
    broker.on('disconnect', () => {
      this.connected = false;
      this.logger.warn({}, 'RabbitMQ connection lost, reconnecting');
    });
    broker.on('connect', () => {
      this.connected = true;
      this.logger.info({}, 'RabbitMQ connection re-established');
    });
    return broker;
  }

  private async send(envelope: EventEnvelope): Promise<void> {
    const broker = await this.connect();
    const publication = await broker.publish(PUBLICATION, envelope, { routingKey: envelope.topic, options: { messageId: envelope.id } });
    await confirmed(publication);
  }

  /** Starts an AMQP consumer and resolves once it is registered with RabbitMQ. */
  private async consume(broker: Broker, subscription: LocalSubscription): Promise<SubscriberSessionAsPromised> {
    const session = await broker.subscribe(subscription.name);
    const context = { consumer: subscription.consumer };
    session.on('error', (error) => this.logger.error({ ...context, err: error }, 'event subscription error'));
    session.on('invalid_content', (error, message, ackOrNack) => {
      this.logger.error({ ...context, err: error, messageId: message.properties.messageId }, 'unreadable event message dead-lettered');
      this.track(this.settle(promised(ackOrNack)(error, { strategy: 'nack' }), context));
    });
    const subscribed = once(session, 'subscribed');
    session.on('message', (message: Message, content: unknown, ackOrNack: AckOrNack) => this.track(this.handle(subscription, message, content, promised(ackOrNack))));
    await subscribed;
    return session;
  }

  private async handle(own: LocalSubscription, message: Message, content: unknown, ackOrNack: PromisedAckOrNack): Promise<void> {
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
      this.logger.warn({ ...context, topic: envelope.topic }, 'no handler takes this topic any more (stale binding): message dropped');
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
  private retryLater(own: LocalSubscription, message: Message, envelope: EventEnvelope, error: Error, ackOrNack: PromisedAckOrNack): void {
    const recovery = recoveryFor(message, this.names.queue(own.consumer), this.retryDelaysMs);
    const context = { consumer: own.consumer, eventId: envelope.id, topic: envelope.topic, err: error };
    if (recovery.strategy === 'republish') this.logger.warn({ ...context, retryInMs: recovery.defer }, 'event handler failed, will retry');
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
