import { randomUUID } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import type { MediaRepository } from '../../../src/application/media/ports/media-repository.js';
import type { OutboxStore } from '../../../src/application/shared/outbox/outbox.js';
import { completeUpload, createMedia, moderate, type Media } from '../../../src/domain/media/media.js';
import { pendingEvents, sampleEvent } from '../../support/outbox-helpers.js';

export interface MediaRepositoryContractOptions {
  /** FerretDB does not make a conditional write atomic under concurrency. */
  onFerretDb?: boolean;
}

const at = new Date('2026-03-01T10:00:00.000Z');
const later = new Date('2026-03-01T10:05:00.000Z');

function newMedia(ownerId = `owner-${randomUUID()}`): Media {
  return createMedia({
    id: randomUUID(),
    ownerId,
    contentType: 'image/png',
    size: 2048,
    filename: 'bike.png',
    maxBytes: 10_000,
    at: new Date(at),
  });
}

const pending = (media: Media) => completeUpload(media, { contentType: 'image/png', size: 2048 }, later);

/** A repository (empty or holding unrelated media) and the outbox its saves store events in. */
export interface MediaStoreUnderTest {
  repo: MediaRepository;
  outbox: OutboxStore;
}

/** The behaviour every MediaRepository must have; `makeStore` gives an empty or unrelated store. */
export function mediaRepositoryContract(
  makeStore: () => Promise<MediaStoreUnderTest>,
  options: MediaRepositoryContractOptions = {},
): void {
  let repo: MediaRepository;
  let outbox: OutboxStore;
  beforeEach(async () => {
    ({ repo, outbox } = await makeStore());
  });
  /** The pending events of this media (their ids start with its id). */
  const pendingOf = async (media: Media) =>
    (await pendingEvents(outbox)).filter((event) => event.id.startsWith(media.id)).map((event) => event.id);

  it('stores the events of each save in its outbox, in order, and never in the media', async () => {
    const media = newMedia();
    await repo.create(media);
    const uploaded = pending(media);
    await repo.save(uploaded, 'awaiting_upload', [sampleEvent(`${media.id}-request`)]);
    const approved = moderate(uploaded, 'approved', ['bicycle'], later);
    await repo.save(approved, 'pending_moderation', [
      sampleEvent(`${media.id}-result`),
      sampleEvent(`${media.id}-notice`),
    ]);
    expect(await pendingOf(media)).toEqual([`${media.id}-request`, `${media.id}-result`, `${media.id}-notice`]);
    expect(await repo.findById(media.id)).toEqual(approved);
  });

  it('a refused save (status no longer stored, unknown media) stores none of its events', async () => {
    const media = newMedia();
    await repo.create(media);
    await repo.save(pending(media), 'awaiting_upload', [sampleEvent(`${media.id}-won`)]);
    await expect(repo.save(pending(media), 'awaiting_upload', [sampleEvent(`${media.id}-lost`)])).rejects.toMatchObject(
      { code: 'MEDIA_CONCURRENT_UPDATE' },
    );
    const unknown = newMedia();
    await expect(repo.save(unknown, 'awaiting_upload', [sampleEvent(`${unknown.id}-lost`)])).rejects.toMatchObject({
      code: 'MEDIA_NOT_FOUND',
    });
    expect([...(await pendingOf(media)), ...(await pendingOf(unknown))]).toEqual([`${media.id}-won`]);
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
    await repo.save(uploaded, 'awaiting_upload', []);
    const approved = moderate(uploaded, 'approved', ['bicycle', 'outdoor'], later);
    await repo.save(approved, 'pending_moderation', []);
    const found = await repo.findById(media.id);
    expect(found).toEqual(approved);
    expect(found?.moderatedAt).toBeInstanceOf(Date);
  });

  it('save from a status that is no longer stored: MEDIA_CONCURRENT_UPDATE, and nothing changes', async () => {
    const media = newMedia();
    await repo.create(media);
    await expect(
      repo.save(moderate(pending(media), 'rejected', [], later), 'pending_moderation', []),
    ).rejects.toMatchObject({ code: 'MEDIA_CONCURRENT_UPDATE', kind: 'conflict' });
    expect(await repo.findById(media.id)).toEqual(media);
  });

  it('save of an unknown media: MEDIA_NOT_FOUND, and nothing is stored', async () => {
    const media = newMedia();
    await expect(repo.save(media, 'awaiting_upload', [])).rejects.toMatchObject({
      code: 'MEDIA_NOT_FOUND',
      kind: 'not_found',
    });
    expect(await repo.findById(media.id)).toBeNull();
  });

  it.skipIf(options.onFerretDb === true)(
    'of 10 racing saves from the same status exactly one wins (skipped on FerretDB: a conditional write is not atomic there)',
    async () => {
      const media = pending(newMedia());
      await repo.create(media);
      const verdicts = Array.from({ length: 10 }, (_, i) =>
        moderate(media, i % 2 ? 'approved' : 'rejected', [`label-${i}`], later),
      );
      const results = await Promise.allSettled(verdicts.map((verdict) => repo.save(verdict, 'pending_moderation', [])));
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
    expect(found.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [first, second].sort((a, b) => a.id.localeCompare(b.id)),
    );
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
