import { describe, expect, it } from 'vitest';
import { ApplyModerationVerdict } from '../../../src/application/media/apply-moderation-verdict/apply-moderation-verdict.js';
import { CompleteUpload } from '../../../src/application/media/complete-upload/complete-upload.js';
import { MediaRepository } from '../../../src/application/media/ports/media-repository.js';
import { ObjectStorage } from '../../../src/application/media/ports/object-storage.js';
import { UploadSlots } from '../../../src/application/media/ports/upload-slots.js';
import { SubmitModerationVerdict } from '../../../src/application/media/submit-moderation-verdict/submit-moderation-verdict.js';
import { EventFactoryToken, type EventFactory } from '../../../src/application/shared/events/event-factory.js';
import type { Media } from '../../../src/domain/media/media.js';
import { FaultPlan } from '../../support/fault-injection.js';
import { expectEventsStoredWithState, underFault } from '../../support/outbox-helpers.js';
import { quietRelayFixture, type IdentityFixture } from '../identity/identity-fixture.js';
import { admin, mediaFixture, owner } from './media-fixture.js';

interface World extends IdentityFixture {
  media: Media;
  repository: MediaRepository;
}

/** A media of `owner` whose bytes are uploaded, completed when `pending`, on the app whose relay is quiet. */
async function uploaded(pending: boolean): Promise<World> {
  const f = await mediaFixture({}, quietRelayFixture);
  const ticket = await f.requestUpload();
  await f.upload(ticket);
  const media = pending ? await f.container.get(CompleteUpload).execute(owner, ticket.media.id) : ticket.media;
  await f.settle();
  return { ...f, media, repository: f.container.get<MediaRepository>(MediaRepository) };
}

const stateOf = (w: World) => w.repository.findById(w.media.id);
const events = (w: World) => w.container.get<EventFactory>(EventFactoryToken);
const completeWith = (w: World, plan: FaultPlan) =>
  new CompleteUpload(
    plan.wrap('media', w.repository),
    plan.wrap('storage', w.container.get<ObjectStorage>(ObjectStorage)),
    w.container.get<UploadSlots>(UploadSlots),
    events(w),
    w.clock,
  );
const submitWith = (w: World, plan: FaultPlan) =>
  new SubmitModerationVerdict(plan.wrap('media', w.repository), events(w), w.clock);
const verdict = (w: World) => ({
  moderatorId: admin.userId,
  mediaId: w.media.id,
  verdict: 'approved' as const,
  labels: ['bicycle'],
});

describe('media commands store their events with the media (outbox), under every fault', () => {
  it('CompleteUpload: image.moderation.request is stored with pending_moderation, or neither is', async () => {
    await expectEventsStoredWithState({
      world: () => uploaded(false),
      run: (w, plan) => completeWith(w, plan).execute(owner, w.media.id),
      state: stateOf,
      write: 'media.save',
      topics: ['image.moderation.request'],
    });
  });

  it('SubmitModerationVerdict: image.moderation.result is stored with the verdict, or neither is', async () => {
    await expectEventsStoredWithState({
      world: () => uploaded(true),
      run: (w, plan) => submitWith(w, plan).execute(verdict(w)),
      state: stateOf,
      write: 'media.save',
      topics: ['image.moderation.result', 'admin.action'],
    });
  });

  it('ApplyModerationVerdict (consumer) stores the verdict and no event', async () => {
    const result = (w: World) => ({
      id: 'result-1',
      topic: 'image.moderation.result' as const,
      occurredAt: w.clock.now().toISOString(),
      payload: { mediaId: w.media.id, verdict: 'rejected' as const, labels: [] },
    });
    await expectEventsStoredWithState({
      world: () => uploaded(true),
      run: (w, plan) => new ApplyModerationVerdict(plan.wrap('media', w.repository), w.clock).handle(result(w)),
      state: stateOf,
      write: 'media.save',
      topics: [],
    });
  });

  it('a verdict retried after a crash that followed its save answers the media as decided; the result is published once', async () => {
    const w = await uploaded(true);
    await underFault(() => submitWith(w, new FaultPlan({ mode: 'crash', at: 2 })).execute(verdict(w)));
    const decided = await w.container.get(SubmitModerationVerdict).execute(verdict(w));
    expect(decided).toMatchObject({ status: 'approved', labels: ['bicycle'] });
    await w.settle();
    expect(w.published.filter((e) => e.topic === 'image.moderation.result').map((e) => e.payload)).toEqual([
      expect.objectContaining({ mediaId: w.media.id, verdict: 'approved' }),
    ]);
    await w.close();
  });
});
