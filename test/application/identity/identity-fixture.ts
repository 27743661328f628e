import type { Container } from 'inversify';
import { pino } from 'pino';
import { recordEvents } from '../../support/recorded-events.js';
import { settleOutbox } from '../../support/outbox-helpers.js';
import type { EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import { ManualClock } from '../../../src/adapters/memory/shared/manual-clock.js';
import { MemoryOutbox, MemoryOutboxToken } from '../../../src/adapters/memory/shared/memory-outbox.js';
import { MediaRepository } from '../../../src/application/media/ports/media-repository.js';
import { createMedia } from '../../../src/domain/media/media.js';
import type { OutboxRelay } from '../../../src/application/shared/outbox/outbox-relay.js';
import { OutboxRelayToken } from '../../../src/composition/outbox.js';
import { buildContainer, runtimeOf } from '../../../src/container.js';
import { fastPasswordHasher, testConfig } from '../../support/test-app.js';

export interface IdentityFixture {
  container: Container;
  clock: ManualClock;
  /** Every event published (by the outbox relay), in order. */
  published: EventEnvelope[];
  /** The outbox of the memory stores: what the commands stored and the relay has not published yet. */
  outbox: MemoryOutbox;
  /** Waits until the relay has published what the outbox holds and the bus has delivered it. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** The identity use cases on the in-memory adapters with a hand-driven clock. */
export async function identityFixture(env: Record<string, string> = {}): Promise<IdentityFixture> {
  const clock = new ManualClock('2026-03-01T10:00:00.000Z');
  const container = await buildContainer(testConfig(env), {
    clock,
    logger: pino({ level: 'silent' }),
    passwordHasher: fastPasswordHasher(),
  });
  const published = recordEvents(container);
  const outbox = container.get<MemoryOutbox>(MemoryOutboxToken);
  const close = () => runtimeOf(container).closeAll(() => undefined);
  return { container, clock, published, outbox, settle: () => settleOutbox(container), close };
}

/** The same with the relay stopped: events stay in the outbox until settle(), so tests can look at them in between. */
export async function quietRelayFixture(env: Record<string, string> = {}): Promise<IdentityFixture> {
  const f = await identityFixture(env);
  await f.container.get<OutboxRelay>(OutboxRelayToken).stop();
  return f;
}

let documents = 0;

/** A media of `ownerId` whose upload is complete (pending moderation), stored straight in the media repository. */
export async function uploadedDocument(
  f: Pick<IdentityFixture, 'container' | 'clock'>,
  ownerId: string,
): Promise<string> {
  documents += 1;
  const input = {
    id: `kyc-doc-${documents}`,
    ownerId,
    contentType: 'image/png',
    size: 100,
    filename: 'passport.png',
    maxBytes: 1000,
    at: f.clock.now(),
  };
  const media = { ...createMedia(input), status: 'pending_moderation' as const };
  await f.container.get<MediaRepository>(MediaRepository).create(media);
  return media.id;
}
