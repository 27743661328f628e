import { z } from 'zod';
import { DomainError } from '../../../domain/shared/domain-error.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import { eventCatalogue, isTopic, type EventPayload, type EventPayloadInput, type Topic } from './catalogue.js';
import { idSchema, isoDateSchema } from './schemas.js';

/** What travels on the bus: the payload plus the id consumers deduplicate on. */
export interface EventEnvelope<T extends Topic = Topic> {
  id: string;
  topic: T;
  occurredAt: string;
  payload: EventPayload<T>;
}

const envelopeShape = z.object({ id: idSchema, topic: z.string(), occurredAt: isoDateSchema, payload: z.unknown() });

/** An envelope of one topic as it travels on the broker (for the AsyncAPI document). */
export function envelopeSchemaOf(topic: Topic) {
  return envelopeShape.extend({ topic: z.literal(topic), payload: eventCatalogue[topic] });
}

/** Checks a payload against the catalogue; a publisher's mistake is a programming error. */
export function parsePayload<T extends Topic>(topic: T, payload: unknown): EventPayload<T> {
  const result = eventCatalogue[topic].safeParse(payload);
  if (!result.success) {
    const fields = result.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
    throw new DomainError(
      'invalid',
      'EVENT_PAYLOAD_INVALID',
      `payload of ${topic} does not match the catalogue: ${fields}`,
    );
  }
  return result.data as EventPayload<T>;
}

export function createEnvelope<T extends Topic>(
  topic: T,
  payload: EventPayloadInput<T>,
  ids: IdGenerator,
  clock: Clock,
): EventEnvelope<T> {
  return envelopeWithId(ids.next(), topic, payload, clock);
}

/**
 * An envelope whose id the publisher derives (`auction.ended:<auctionId>`): publishing it again is deduplicated by
 * consumers.
 */
export function envelopeWithId<T extends Topic>(
  id: string,
  topic: T,
  payload: EventPayloadInput<T>,
  clock: Clock,
): EventEnvelope<T> {
  return { id, topic, occurredAt: clock.now().toISOString(), payload: parsePayload(topic, payload) };
}

/** Reads an envelope that arrived from outside the process (a broker message). */
export function parseEnvelope(raw: unknown): EventEnvelope {
  const shape = envelopeShape.parse(raw);
  if (!isTopic(shape.topic)) throw new DomainError('invalid', 'EVENT_TOPIC_UNKNOWN', `unknown topic ${shape.topic}`);
  return { ...shape, topic: shape.topic, payload: parsePayload(shape.topic, shape.payload) };
}
