import { beforeEach, describe, expect, it } from 'vitest';
import { CompleteUpload } from '../../../src/application/media/complete-upload/complete-upload.js';
import { MediaRepository } from '../../../src/application/media/ports/media-repository.js';
import { ObjectStorage } from '../../../src/application/media/ports/object-storage.js';
import { mediaFixture, owner, stranger, type MediaFixture } from './media-fixture.js';

describe('RequestUpload: open upload slots (MEDIA_MAX_PENDING_UPLOADS)', () => {
  let f: MediaFixture;
  beforeEach(async () => {
    f = await mediaFixture({ MEDIA_MAX_PENDING_UPLOADS: '2', MEDIA_UPLOAD_URL_TTL_SECONDS: '120' });
  });

  it('refuses a request beyond the open slots with RATE_LIMITED and when the earliest closes; other users are not affected', async () => {
    await f.requestUpload();
    f.clock.advance(30_000);
    await f.requestUpload();
    await expect(f.requestUpload()).rejects.toMatchObject({
      kind: 'rate_limited',
      code: 'RATE_LIMITED',
      details: { limit: 2, retryAfter: 90 },
    });
    await expect(f.requestUpload({ ownerId: stranger.userId })).resolves.toBeDefined();
  });

  it('frees a slot when its upload is completed, or when its URL expires', async () => {
    const first = await f.requestUpload();
    await f.requestUpload();
    await f.upload(first);
    await f.container.get(CompleteUpload).execute(owner, first.media.id);
    await f.requestUpload();
    await expect(f.requestUpload()).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    f.clock.advance(120_000);
    await f.requestUpload();
    await f.requestUpload();
  });

  it('frees the slot again when the media cannot be recorded', async () => {
    const storage = f.container.get<ObjectStorage>(ObjectStorage);
    const presign = storage.presignPut.bind(storage);
    storage.presignPut = () => Promise.reject(new Error('store down'));
    await expect(f.requestUpload()).rejects.toThrow('store down');
    await expect(f.requestUpload()).rejects.toThrow('store down');
    storage.presignPut = presign;
    await f.requestUpload();
    await f.requestUpload();
  });

  it('of 20 racing requests of one user, exactly the open slots are recorded', async () => {
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => f.requestUpload()));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(
      Array(18).fill('RATE_LIMITED'),
    );
    const recorded = await Promise.all(
      results.map((r) =>
        r.status === 'fulfilled' ? f.container.get<MediaRepository>(MediaRepository).findById(r.value.media.id) : null,
      ),
    );
    expect(recorded.filter(Boolean)).toHaveLength(2);
  });
});
