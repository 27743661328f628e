import type { BrokerConfig, RetryConfig, SubscriptionConfig } from 'rascal';
import type { Topic } from '../../application/shared/events/catalogue.js';

/** The one rascal publication: the events exchange, routing key = topic. */
export const PUBLICATION = 'events';

/** Where the events and each consumer's messages live on RabbitMQ. */
export interface RascalNames {
  /** Durable topic exchange every event is published to. */
  exchange: string;
  /** Direct exchange that receives what consumers reject for good. */
  deadLetterExchange: string;
  queue(consumer: string): string;
  deadQueue(consumer: string): string;
}

export function rascalNames(exchange: string, queuePrefix: string): RascalNames {
  return {
    exchange,
    deadLetterExchange: `${exchange}.dead-letter`,
    queue: (consumer) => `${queuePrefix}.${consumer}`,
    deadQueue: (consumer) => `${queuePrefix}.${consumer}.dead`,
  };
}

/** One rascal subscription (one AMQP consumer) per EventBus subscription. */
export interface ConsumerBinding {
  /** The rascal subscription name. */
  name: string;
  consumer: string;
  topics: readonly Topic[];
}

export interface RascalConfigInput {
  url: string;
  names: RascalNames;
  subscriptions: readonly ConsumerBinding[];
  prefetch: number;
  /** How long cancelling a subscription waits for its unacknowledged messages. */
  closeTimeoutMs: number;
  /** Waits between attempts to reconnect (and resubscribe) after the connection is lost. */
  retry: ReconnectDelays;
}

/** Exponential back-off: the first wait is `minMs`, each next one doubles, up to `maxMs`. */
export interface ReconnectDelays {
  minMs: number;
  maxMs: number;
}

/** The wait before the n-th reconnection attempt (0-based) under `delays`. */
export function reconnectDelay(delays: ReconnectDelays, attempt: number): number {
  return Math.min(delays.maxMs, delays.minMs * 2 ** attempt);
}

function rascalRetry(delays: ReconnectDelays): RetryConfig {
  return { min: delays.minMs, max: delays.maxMs, factor: 2, strategy: 'exponential' };
}

/**
 * The broker topology: the events exchange; per consumer name a durable queue bound to the
 * topics of its subscriptions, whose rejected messages go (routing key = the queue's name, so
 * that republished messages are routed too) through the dead-letter exchange to its `.dead`
 * queue. Messages are persistent and publications confirmed. A lost connection is retried, and
 * the subscriptions resubscribed, with back-off capped at `retry.maxMs`.
 */
export function rascalConfig(input: RascalConfigInput): BrokerConfig {
  const { names } = input;
  const topicsByConsumer = groupTopics(input.subscriptions);
  const consumers = [...topicsByConsumer.keys()];
  return {
    // rascal keeps only the address of a connection given by URL, not its `retry`: the back-off
    // of reconnections is read from the defaults (rascal's types call `defaults` a VhostConfig).
    defaults: { vhosts: { connection: { retry: rascalRetry(input.retry) } } } as BrokerConfig['defaults'],
    vhosts: {
      [vhostOf(input.url)]: {
        connection: { url: input.url },
        exchanges: {
          [names.exchange]: { type: 'topic', options: { durable: true } },
          [names.deadLetterExchange]: { type: 'direct', options: { durable: true } },
        },
        queues: Object.fromEntries(consumers.flatMap((consumer) => queuesOf(names, consumer))),
        bindings: Object.fromEntries(
          consumers.flatMap((consumer) => bindingsOf(names, consumer, topicsByConsumer.get(consumer) ?? [])),
        ),
        publications: {
          [PUBLICATION]: { exchange: names.exchange, confirm: true, options: { persistent: true, mandatory: false } },
        },
        subscriptions: Object.fromEntries(
          input.subscriptions.map((subscription) => [subscription.name, subscriptionOf(input, subscription.consumer)]),
        ),
      },
    },
  };
}

/** The rascal vhost name: the URL's path, `/` when it has none. */
export function vhostOf(url: string): string {
  const path = new URL(url).pathname;
  return path === '' || path === '/' ? '/' : decodeURIComponent(path.slice(1));
}

function groupTopics(subscriptions: readonly ConsumerBinding[]): Map<string, Topic[]> {
  const topics = new Map<string, Topic[]>();
  for (const { consumer, topics: subscribed } of subscriptions) {
    const known = topics.get(consumer) ?? [];
    topics.set(consumer, [...new Set([...known, ...subscribed])]);
  }
  return topics;
}

function queuesOf(names: RascalNames, consumer: string): [string, object][] {
  const queue = names.queue(consumer);
  const deadLetters = { 'x-dead-letter-exchange': names.deadLetterExchange, 'x-dead-letter-routing-key': queue };
  return [
    [queue, { options: { durable: true, arguments: deadLetters } }],
    [names.deadQueue(consumer), { options: { durable: true } }],
  ];
}

function bindingsOf(names: RascalNames, consumer: string, topics: readonly Topic[]): [string, object][] {
  const queue = names.queue(consumer);
  const dead: [string, object] = [
    `${queue}:dead`,
    {
      source: names.deadLetterExchange,
      destination: names.deadQueue(consumer),
      destinationType: 'queue',
      bindingKey: queue,
    },
  ];
  // Without keys rascal would bind with its default key `#`, that is every topic.
  if (topics.length === 0) return [dead];
  return [
    [
      `${queue}:topics`,
      { source: names.exchange, destination: queue, destinationType: 'queue', bindingKeys: [...topics] },
    ],
    dead,
  ];
}

/** `promisifyAckOrNack` and `closeTimeout` are rascal options its type definitions lack. */
type FullSubscriptionConfig = SubscriptionConfig & { promisifyAckOrNack: boolean; closeTimeout: number };

function subscriptionOf(input: RascalConfigInput, consumer: string): FullSubscriptionConfig {
  return {
    queue: input.names.queue(consumer),
    contentType: 'application/json',
    prefetch: input.prefetch,
    promisifyAckOrNack: true,
    closeTimeout: input.closeTimeoutMs,
    retry: rascalRetry(input.retry),
  };
}
