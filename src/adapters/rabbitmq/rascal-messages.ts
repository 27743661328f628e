import type { Message } from 'amqplib';
import type { AckOrNack, PublicationSession, Recovery } from 'rascal';
import type { Topic } from '../../application/shared/events/catalogue.js';

/** rascal's ackOrNack when the subscription sets `promisifyAckOrNack` (rascal-config.ts does). */
export type PromisedAckOrNack = (error?: Error, recovery?: Recovery) => Promise<void>;

export function promised(ackOrNack: AckOrNack): PromisedAckOrNack {
  return ackOrNack as unknown as PromisedAckOrNack;
}

/**
 * Resolves when RabbitMQ confirms the message; rejects on a publication error, or at once when
 * the connection is down (rascal would otherwise hold the message until it reconnects).
 */
export function confirmed(publication: PublicationSession): Promise<void> {
  return new Promise((resolve, reject) => {
    publication.once('success', () => resolve());
    publication.once('error', (error: unknown) => reject(toError(error)));
    publication.once('paused', () => {
      publication.abort();
      reject(new Error('RabbitMQ is not connected: the event was not published'));
    });
  });
}

/**
 * How to recover a message whose handler failed: republish it after the next delay, or nack it
 * into the dead-letter queue once every delay is used. The count of earlier republishes is the
 * header rascal's `republish` strategy keeps (`rascal.recovery.<queue>.republished`); unlike
 * chained strategies with `attempts`, this gives each retry exactly its own delay.
 */
export function recoveryFor(message: Message, queue: string, retryDelaysMs: readonly number[]): Recovery {
  const defer = retryDelaysMs[republishCount(message, queue)];
  return defer === undefined ? { strategy: 'nack' } : { strategy: 'republish', defer };
}

function republishCount(message: Message, queue: string): number {
  const count: unknown = message.properties.headers?.rascal?.recovery?.[queue]?.republished;
  return typeof count === 'number' ? count : 0;
}

interface TopicHandler {
  consumer: string;
  topics: readonly Topic[];
}

/**
 * Which of this process's subscriptions handles a message that reached `own`'s queue: `own`
 * when it takes the topic, else another subscription of the same consumer name that does (the
 * queue is bound to the topics of all of them). Undefined when none does any more.
 */
export function handlerFor<S extends TopicHandler>(subscriptions: readonly S[], own: S, topic: Topic): S | undefined {
  if (own.topics.includes(topic)) return own;
  return subscriptions.find((subscription) => subscription.consumer === own.consumer && subscription.topics.includes(topic));
}

export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
