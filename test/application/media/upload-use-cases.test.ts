import { beforeEach, describe, expect, it } from 'vitest';
import { CompleteUpload } from '../../../src/application/media/complete-upload/complete-upload.js';
import { GetMedia } from '../../../src/application/media/get-media/get-media.js';
import { MediaRepository } from '../../../src/application/media/ports/media-repository.js';
import { SubmitModerationVerdict } from '../../../src/application/media/submit-moderation-verdict/submit-moderation-verdict.js';
import { admin, mediaFixture, owner, stranger, type MediaFixture } from './media-fixture.js';

describe('RequestUpload', () => {
  let f: MediaFixture;
  beforeEach(async () => {
    f = await mediaFixture({
      MEDIA_MAX_BYTES: '4096',
      MEDIA_UPLOAD_URL_TTL_SECONDS: '120',
      PUBLIC_BASE_URL: 'https://api.example.com/',
    });
  });

  it('records an awaiting_upload media of the caller and answers an absolute PUT URL bound to its type, expiring after the TTL', async () => {
    const { media, upload } = await f.requestUpload({
      contentType: 'image/webp',
      size: 4096,
      filename: '  holiday.webp ',
    });
    expect(media).toMatchObject({
      ownerId: owner.userId,
      status: 'awaiting_upload',
      contentType: 'image/webp',
      size: 4096,
      filename: 'holiday.webp',
      labels: [],
    });
    expect(await f.container.get<MediaRepository>(MediaRepository).findById(media.id)).toEqual(media);
    expect(upload.url.startsWith(`https://api.example.com/media-store/${media.objectKey}?`)).toBe(true);
    expect(upload).toMatchObject({ method: 'PUT', headers: { 'Content-Type': 'image/webp' } });
    expect(upload.expiresAt.getTime() - f.clock.now().getTime()).toBe(120_000);
  });

  it('refuses a type outside the allow list, a size over MEDIA_MAX_BYTES or under 1, and a blank file name', async () => {
    await expect(f.requestUpload({ contentType: 'image/gif' })).rejects.toMatchObject({
      code: 'MEDIA_TYPE_NOT_ALLOWED',
      kind: 'invalid',
    });
    await expect(f.requestUpload({ size: 4097 })).rejects.toMatchObject({
      code: 'MEDIA_SIZE_INVALID',
      details: { maxBytes: 4096 },
    });
    await expect(f.requestUpload({ size: 0 })).rejects.toMatchObject({ code: 'MEDIA_SIZE_INVALID' });
    await expect(f.requestUpload({ filename: '   ' })).rejects.toMatchObject({ code: 'MEDIA_FILENAME_INVALID' });
  });
});

describe('CompleteUpload', () => {
  let f: MediaFixture;
  beforeEach(async () => {
    f = await mediaFixture();
  });
  const complete = (actor: typeof owner, id: string) => f.container.get(CompleteUpload).execute(actor, id);

  it('moves an uploaded media to pending_moderation and publishes image.moderation.request', async () => {
    const ticket = await f.requestUpload();
    await f.upload(ticket);
    const completed = await complete(owner, ticket.media.id);
    expect(completed.status).toBe('pending_moderation');
    const { media } = ticket;
    await f.settle();
    expect(f.published.find((e) => e.topic === 'image.moderation.request')?.payload).toEqual({
      mediaId: media.id,
      ownerId: owner.userId,
      contentType: 'image/png',
      size: 2048,
      objectKey: media.objectKey,
    });
  });

  it('answers 409 MEDIA_OBJECT_MISSING before the upload; the media stays awaiting_upload', async () => {
    const { media } = await f.requestUpload();
    await expect(complete(owner, media.id)).rejects.toMatchObject({ code: 'MEDIA_OBJECT_MISSING', kind: 'conflict' });
    expect((await f.container.get(GetMedia).execute(media.id, owner)).media.status).toBe('awaiting_upload');
    await f.settle();
    expect(f.published).toEqual([]);
  });

  it('answers 409 MEDIA_OBJECT_MISMATCH for an object of another type or size, and deletes it', async () => {
    const { media } = await f.requestUpload();
    await f.putObject(media.objectKey, 'image/png', Buffer.alloc(100));
    await expect(complete(owner, media.id)).rejects.toMatchObject({
      code: 'MEDIA_OBJECT_MISMATCH',
      details: { expected: { size: 2048 }, actual: { size: 100 } },
    });
    expect(await f.store.head(media.objectKey)).toBeNull();
    await f.putObject(media.objectKey, 'image/jpeg', Buffer.alloc(2048));
    await expect(complete(owner, media.id)).rejects.toMatchObject({ code: 'MEDIA_OBJECT_MISMATCH' });
  });

  it("hides another user's media and unknown ids: MEDIA_NOT_FOUND", async () => {
    const ticket = await f.requestUpload();
    await f.upload(ticket);
    await expect(complete(stranger, ticket.media.id)).rejects.toMatchObject({
      code: 'MEDIA_NOT_FOUND',
      kind: 'not_found',
    });
    await expect(complete(owner, 'no-such-media')).rejects.toMatchObject({ code: 'MEDIA_NOT_FOUND' });
  });

  it('is safe to retry while pending (same answer, no second request event), refused once moderated', async () => {
    const media = await f.pendingMedia();
    expect(await complete(owner, media.id)).toEqual(media);
    await f.settle();
    expect(f.published.filter((e) => e.topic === 'image.moderation.request')).toHaveLength(1);
    await f.container
      .get(SubmitModerationVerdict)
      .execute({ moderatorId: admin.userId, mediaId: media.id, verdict: 'approved' });
    await expect(complete(owner, media.id)).rejects.toMatchObject({
      code: 'MEDIA_INVALID_TRANSITION',
      details: { mediaStatus: 'approved' },
    });
  });
});

describe('GetMedia', () => {
  let f: MediaFixture;
  beforeEach(async () => {
    f = await mediaFixture({ MEDIA_DOWNLOAD_URL_TTL_SECONDS: '60' });
  });
  const get = (id: string, viewer?: typeof owner) => f.container.get(GetMedia).execute(id, viewer);
  const decide = (mediaId: string, verdict: 'approved' | 'rejected') =>
    f.container.get(SubmitModerationVerdict).execute({ moderatorId: admin.userId, mediaId, verdict });

  it('shows the owner every state without a URL, and hides it from others (404) until approved', async () => {
    const { media } = await f.requestUpload();
    expect(await get(media.id, owner)).toEqual({ media });
    await expect(get(media.id, stranger)).rejects.toMatchObject({ code: 'MEDIA_NOT_FOUND' });
    const pending = await f.pendingMedia();
    expect((await get(pending.id, owner)).url).toBeUndefined();
    await expect(get(pending.id)).rejects.toMatchObject({ code: 'MEDIA_NOT_FOUND' });
  });

  it('shows an approved media to anyone, signed in or not, with a download URL that expires after the TTL', async () => {
    const media = await f.pendingMedia();
    await decide(media.id, 'approved');
    for (const viewer of [undefined, stranger, owner]) {
      const view = await get(media.id, viewer);
      expect(view.media.status).toBe('approved');
      const expires = Number(new URL(view.url ?? '').searchParams.get('expires'));
      expect(expires * 1000 - f.clock.now().getTime()).toBeGreaterThan(59_000);
      expect(expires * 1000 - f.clock.now().getTime()).toBeLessThanOrEqual(60_000);
    }
  });

  it('keeps a rejected media hidden from others; its owner sees it without a URL', async () => {
    const media = await f.pendingMedia();
    await decide(media.id, 'rejected');
    await expect(get(media.id, stranger)).rejects.toMatchObject({ code: 'MEDIA_NOT_FOUND' });
    expect(await get(media.id, owner)).toEqual({ media: expect.objectContaining({ status: 'rejected' }) });
  });

  it('lets admins, who moderate, see any media and download it once uploaded', async () => {
    const { media } = await f.requestUpload();
    expect((await get(media.id, admin)).url).toBeUndefined();
    const pending = await f.pendingMedia();
    expect((await get(pending.id, admin)).url).toMatch(/^http:\/\/localhost:3000\/media-store\//);
  });

  it('answers MEDIA_NOT_FOUND for an unknown id', async () => {
    await expect(get('no-such-media', admin)).rejects.toMatchObject({ code: 'MEDIA_NOT_FOUND' });
  });
});
