import type { Container } from 'inversify';
import { EventBus } from '../../src/application/shared/events/event-bus.js';
import type { EventEnvelope } from '../../src/application/shared/events/envelope.js';

/** Every event the app publishes from now on, in order (delivery to consumers is unchanged). */
export function recordEvents(container: Container): EventEnvelope[] {
  const bus = container.get<EventBus>(EventBus);
  const published: EventEnvelope[] = [];
  const publish = bus.publish.bind(bus);
  bus.publish = async (topic, payload) => {
    const envelope = await publish(topic, payload);
    published.push(envelope);
    return envelope;
  };
  const publishEnvelope = bus.publishEnvelope.bind(bus);
  bus.publishEnvelope = async (envelope) => {
    await publishEnvelope(envelope);
    published.push(envelope);
  };
  return published;
}
