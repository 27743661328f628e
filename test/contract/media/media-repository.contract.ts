import { randomUUID } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import type { MediaRepository } from '../../../src/application/media/ports/media-repository.js';
import { completeUpload, createMedia, moderate, type Media } from '../../../src/domain/media/media.js';

export interface MediaRepositoryContractOptions {
  /** FerretDB does not make a conditional write atomic under concurrency. */
  onFerretDb?: boolean;
}

const at = new Date('2026-03-01T10:00:00.000Z');
const later = new Date('2026-03-01T10:05:00.000Z');

function newMedia(ownerId = `owner-${randomUUID()}`): Media {
  return createMedia({ id: randomUUID(), ownerId, contentType: 'image/png', size: 2048, filename: 'bike.png', maxBytes: 10_000, at: new Date(at) });
}

const pending = (media: Media) => completeUpload(media, { contentType: 'image/png', size: 2048 }, later);

/** The behaviour every MediaRepository must have; `makeRepo` gives an empty or unrelated store. */
export function mediaRepositoryContract(makeRepo: () => MediaRepository | Promise<MediaRepository>, options: MediaRepositoryContractOptions = {}): void {
  let repo: MediaRepository;
  beforeEach(async () => {
    repo = await makeRepo();
  });

  it('finds a created media by id, with absent optional fields absent', async () => {
    const media = newMedia();
    await repo.create(media);
    const found = await repo.findById(media.id);
    expect(found).toEqual(media);
    expect(found).not.toHaveProperty('moderatedAt');
    expect(found?.createdAt).toBeInstanceOf(Date);
  });

  it('answers null for an unknown id', async () => {
    expect(await repo.findById(randomUUID())).toBeNull();
  });

  it('refuses a second create with the same id', async () => {
    const media = newMedia();
    await repo.create(media);
    await expect(repo.create(media)).rejects.toThrow();
  });

  it('save replaces the media when its stored status is the expected one, moderation fields included', async () => {
    const media = newMedia();
    await repo.create(media);
    const uploaded = pending(media);
    await repo.save(uploaded, 'awaiting_upload');
    const approved = moderate(uploaded, 'approved', ['bicycle', 'outdoor'], later);
    await repo.save(approved, 'pending_moderation');
    const found = await repo.findById(media.id);
    expect(found).toEqual(approved);
    expect(found?.moderatedAt).toBeInstanceOf(Date);
  });

  it('save from a status that is no longer stored: MEDIA_CONCURRENT_UPDATE, and nothing changes', async () => {
    const media = newMedia();
    await repo.create(media);
    await expect(repo.save(moderate(pending(media), 'rejected', [], later), 'pending_moderation')).rejects.toMatchObject({ code: 'MEDIA_CONCURRENT_UPDATE', kind: 'conflict' });
    expect(await repo.findById(media.id)).toEqual(media);
  });

  it('save of an unknown media: MEDIA_NOT_FOUND, and nothing is stored', async () => {
    const media = newMedia();
    await expect(repo.save(media, 'awaiting_upload')).rejects.toMatchObject({ code: 'MEDIA_NOT_FOUND', kind: 'not_found' });
    expect(await repo.findById(media.id)).toBeNull();
  });

  it.skipIf(options.onFerretDb === true)(
    'of 10 racing saves from the same status exactly one wins (skipped on FerretDB: a conditional write is not atomic there)',
    async () => {
      const media = pending(newMedia());
      await repo.create(media);
      const verdicts = Array.from({ length: 10 }, (_, i) => moderate(media, i % 2 ? 'approved' : 'rejected', [`label-${i}`], later));
      const results = await Promise.allSettled(verdicts.map((verdict) => repo.save(verdict, 'pending_moderation')));
      const fulfilled = results.flatMap((r, i) => (r.status === 'fulfilled' ? [verdicts[i]] : []));
      expect(fulfilled).toHaveLength(1);
      expect(await repo.findById(media.id)).toEqual(fulfilled[0]);
    },
  );

  it('findByIds answers the media that exist, each once', async () => {
    const [first, second] = [newMedia(), newMedia()];
    await repo.create(first);
    await repo.create(second);
    const found = await repo.findByIds([second.id, randomUUID(), first.id, second.id]);
    expect(found.sort((a, b) => a.id.localeCompare(b.id))).toEqual([first, second].sort((a, b) => a.id.localeCompare(b.id)));
    expect(await repo.findByIds([])).toEqual([]);
  });

  it('keeps its own copies: changing a passed or returned media changes nothing stored', async () => {
    const media = newMedia();
    await repo.create(media);
    media.labels.push('changed');
    media.createdAt.setFullYear(2000);
    const found = await repo.findById(media.id);
    found?.labels.push('changed again');
    expect(await repo.findById(media.id)).toMatchObject({ labels: [], createdAt: at });
  });
}
