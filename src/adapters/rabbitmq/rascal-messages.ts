import type { EventEmitter } from 'node:events';
import type { Message } from 'amqplib';
import type { AckOrNack, PublicationSession, Recovery } from 'rascal';
import type { Topic } from '../../application/shared/events/catalogue.js';

/** rascal's ackOrNack when the subscription sets `promisifyAckOrNack` (rascal-config.ts does). */
export type PromisedAckOrNack = (error?: Error, recovery?: Recovery) => Promise<void>;

export function promised(ackOrNack: AckOrNack): PromisedAckOrNack {
  return ackOrNack as unknown as PromisedAckOrNack;
}

/**
 * Resolves when RabbitMQ confirms the message; rejects on a publication error, when the channel
 * closes before the confirm, or at once when the connection is down (rascal would otherwise hold
 * the message until it reconnects). A session may emit several errors (a failed confirm, then
 * the channel's own error when the connection drops), also after it is settled: every one is
 * handled, the late ones go to `onLateError`, so that none is an unhandled 'error' event.
 */
export function confirmed(publication: PublicationSession, onLateError: (error: Error) => void): Promise<void> {
  // rascal's type definitions lack the 'close' and 'paused' events.
  const events: EventEmitter = publication;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      outcome();
    };
    events.on('success', () => settle(resolve));
    events.on('error', (error: unknown) => {
      if (settled) onLateError(toError(error));
      else settle(() => reject(toError(error)));
    });
    const closed = new Error('the RabbitMQ channel closed before the event was confirmed');
    events.on('close', () => settle(() => reject(closed)));
    events.on('paused', () =>
      settle(() => {
        publication.abort();
        reject(new Error('RabbitMQ is not connected: the event was not published'));
      }),
    );
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
  return subscriptions.find(
    (subscription) => subscription.consumer === own.consumer && subscription.topics.includes(topic),
  );
}

export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
