import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { EventPayloadInput, Topic } from './catalogue.js';
import { createEnvelope, envelopeWithId, type EventEnvelope } from './envelope.js';

/** Builds the envelopes a command stores with its state change (checked against the catalogue). */
export class EventFactory {
  constructor(
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  create<T extends Topic>(topic: T, payload: EventPayloadInput<T>): EventEnvelope<T> {
    return createEnvelope(topic, payload, this.ids, this.clock);
  }

  /** Under an id the caller derives (`auction.ended:<id>`): writing it again is deduplicated downstream. */
  withId<T extends Topic>(id: string, topic: T, payload: EventPayloadInput<T>): EventEnvelope<T> {
    return envelopeWithId(id, topic, payload, this.clock);
  }
}
export const EventFactoryToken = Symbol.for('EventFactory');
