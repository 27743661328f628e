import { beforeEach, describe, expect, it } from 'vitest';
import { MediaStatusLookup } from '../../../src/application/catalog/ports/media-status-lookup.js';
import { ApplyModerationVerdict } from '../../../src/application/media/apply-moderation-verdict/apply-moderation-verdict.js';
import { GetMedia } from '../../../src/application/media/get-media/get-media.js';
import { SubmitModerationVerdict } from '../../../src/application/media/submit-moderation-verdict/submit-moderation-verdict.js';
import type { EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import { InProcessMediaStatusLookup } from '../../../src/adapters/in-process/media-catalog-status-lookup.js';
import { admin, mediaFixture, owner, stranger, type MediaFixture } from './media-fixture.js';

describe('SubmitModerationVerdict', () => {
  let f: MediaFixture;
  beforeEach(async () => {
    f = await mediaFixture();
  });
  const submit = (mediaId: string, verdict: 'approved' | 'rejected', labels?: string[]) =>
    f.container.get(SubmitModerationVerdict).execute({ moderatorId: admin.userId, mediaId, verdict, labels });

  it('applies the verdict at once (the answer and later reads show it), with image.moderation.result stored and then published', async () => {
    const media = await f.pendingMedia();
    f.clock.advance(60_000);
    const moderated = await submit(media.id, 'approved', ['bicycle', ' bicycle ', 'outdoor']);
    expect(moderated).toMatchObject({ status: 'approved', labels: ['bicycle', 'outdoor'], moderatedAt: f.clock.now() });
    expect((await f.container.get(GetMedia).execute(media.id, stranger)).media).toEqual(moderated);
    await f.settle();
    const result = f.published.find((e) => e.topic === 'image.moderation.result');
    expect(result?.payload).toEqual({
      mediaId: media.id,
      verdict: 'approved',
      labels: ['bicycle', 'outdoor'],
      moderatorId: admin.userId,
    });
    await f.bus.drain();
    expect((await f.container.get(GetMedia).execute(media.id, owner)).media).toEqual(moderated);
    expect(f.bus.deadLetters()).toEqual([]);
  });

  it('takes the same verdict again (a retried request) without change, and stores no second result', async () => {
    const media = await f.pendingMedia();
    const first = await submit(media.id, 'rejected', ['weapon']);
    f.clock.advance(60_000);
    expect(await submit(media.id, 'rejected', ['other'])).toEqual(first);
    await f.settle();
    expect(f.published.filter((e) => e.topic === 'image.moderation.result').map((e) => e.payload)).toEqual([
      expect.objectContaining({ verdict: 'rejected', labels: ['weapon'] }),
    ]);
  });

  it('refuses another verdict once decided and a verdict before the upload (409), and unknown ids (404)', async () => {
    const media = await f.pendingMedia();
    await submit(media.id, 'approved');
    await expect(submit(media.id, 'rejected')).rejects.toMatchObject({
      code: 'MEDIA_INVALID_TRANSITION',
      kind: 'conflict',
    });
    const { media: awaiting } = await f.requestUpload();
    await expect(submit(awaiting.id, 'approved')).rejects.toMatchObject({
      code: 'MEDIA_INVALID_TRANSITION',
      details: { mediaStatus: 'awaiting_upload' },
    });
    await expect(submit('no-such-media', 'approved')).rejects.toMatchObject({ code: 'MEDIA_NOT_FOUND' });
  });
});

describe('ApplyModerationVerdict (consumer of image.moderation.result)', () => {
  let f: MediaFixture;
  beforeEach(async () => {
    f = await mediaFixture();
  });
  const statusOf = async (id: string) => (await f.container.get(GetMedia).execute(id, owner)).media.status;
  const result = (
    mediaId: string,
    verdict: 'approved' | 'rejected',
    id = `evt-${verdict}`,
  ): EventEnvelope<'image.moderation.result'> => ({
    id,
    topic: 'image.moderation.result',
    occurredAt: f.clock.now().toISOString(),
    payload: { mediaId, verdict, labels: ['auto'] },
  });

  it('is subscribed as media.moderation-verdict and applies a verdict whoever published it', async () => {
    expect(ApplyModerationVerdict.consumer).toBe('media.moderation-verdict');
    const media = await f.pendingMedia();
    await f.bus.publish('image.moderation.result', { mediaId: media.id, verdict: 'rejected', labels: ['nsfw'] });
    await f.bus.drain();
    expect((await f.container.get(GetMedia).execute(media.id, owner)).media).toMatchObject({
      status: 'rejected',
      labels: ['nsfw'],
    });
  });

  it('is idempotent: the same event twice, or a later contrary verdict, leaves the first verdict', async () => {
    const media = await f.pendingMedia();
    const consumer = f.container.get(ApplyModerationVerdict);
    await consumer.handle(result(media.id, 'approved'));
    const applied = await f.container.get(GetMedia).execute(media.id, owner);
    await consumer.handle(result(media.id, 'approved'));
    await consumer.handle(result(media.id, 'rejected'));
    expect((await f.container.get(GetMedia).execute(media.id, owner)).media).toEqual(applied.media);
  });

  it('leaves unknown media and media not uploaded yet alone', async () => {
    const consumer = f.container.get(ApplyModerationVerdict);
    await expect(consumer.handle(result('no-such-media', 'approved'))).resolves.toBeUndefined();
    const { media } = await f.requestUpload();
    await consumer.handle(result(media.id, 'approved'));
    expect(await statusOf(media.id)).toBe('awaiting_upload');
  });
});

describe('InProcessMediaStatusLookup (the catalog port)', () => {
  it("answers each id's status for its owner, and missing for unknown ids and someone else's media", async () => {
    const f = await mediaFixture();
    const lookup = f.container.get<MediaStatusLookup>(MediaStatusLookup);
    expect(lookup).toBeInstanceOf(InProcessMediaStatusLookup);
    const { media: awaiting } = await f.requestUpload();
    const pending = await f.pendingMedia();
    const { media: others } = await f.requestUpload({ ownerId: stranger.userId });
    const statuses = await lookup.statusesOf([awaiting.id, pending.id, others.id, 'no-such-media'], owner.userId);
    expect(Object.fromEntries(statuses)).toEqual({
      [awaiting.id]: 'awaiting_upload',
      [pending.id]: 'pending_moderation',
      [others.id]: 'missing',
      'no-such-media': 'missing',
    });
  });
});
