import type { Container } from 'inversify';
import { pino } from 'pino';
import { recordEvents } from '../../support/recorded-events.js';
import type { EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import { ManualClock } from '../../../src/adapters/memory/shared/manual-clock.js';
import { buildContainer } from '../../../src/container.js';
import { fastPasswordHasher, testConfig } from '../../support/test-app.js';

export interface IdentityFixture {
  container: Container;
  clock: ManualClock;
  /** Every event published, in order. */
  published: EventEnvelope[];
}

/** The identity use cases on the in-memory adapters with a hand-driven clock. */
export async function identityFixture(env: Record<string, string> = {}): Promise<IdentityFixture> {
  const clock = new ManualClock('2026-03-01T10:00:00.000Z');
  const container = await buildContainer(testConfig(env), { clock, logger: pino({ level: 'silent' }), passwordHasher: fastPasswordHasher() });
  const published = recordEvents(container);
  return { container, clock, published };
}
