import type { MediaRepository } from '../../../application/media/ports/media-repository.js';
import type { PendingEvents } from '../../../application/shared/outbox/outbox.js';
import { mediaErrors } from '../../../domain/media/errors.js';
import type { Media, MediaStatus } from '../../../domain/media/media.js';
import type { MemoryOutbox } from '../shared/memory-outbox.js';

/**
 * MediaRepository in process memory; stores and returns copies, leaving absent fields absent as
 * MongoDB does. A save appends its events to the memory outbox in the same synchronous step.
 */
export class MemoryMediaRepository implements MediaRepository {
  private readonly media = new Map<string, Media>();

  constructor(private readonly outbox: MemoryOutbox) {}

  async create(media: Media): Promise<void> {
    if (this.media.has(media.id)) throw new Error(`a media with id ${media.id} is already stored`);
    this.media.set(media.id, copyMedia(media));
  }

  async save(media: Media, expectedStatus: MediaStatus, events: PendingEvents): Promise<void> {
    const current = this.media.get(media.id);
    if (!current) throw mediaErrors.notFound();
    if (current.status !== expectedStatus) throw mediaErrors.concurrentUpdate();
    this.media.set(media.id, copyMedia(media));
    this.outbox.append(`media:${media.id}`, events);
  }

  async findById(id: string): Promise<Media | null> {
    const media = this.media.get(id);
    return media ? copyMedia(media) : null;
  }

  async findByIds(ids: readonly string[]): Promise<Media[]> {
    return [...new Set(ids)].flatMap((id) => {
      const media = this.media.get(id);
      return media ? [copyMedia(media)] : [];
    });
  }
}

function copyMedia(media: Media): Media {
  return {
    id: media.id,
    ownerId: media.ownerId,
    contentType: media.contentType,
    size: media.size,
    filename: media.filename,
    objectKey: media.objectKey,
    status: media.status,
    labels: [...media.labels],
    createdAt: new Date(media.createdAt),
    updatedAt: new Date(media.updatedAt),
    ...(media.moderatedAt ? { moderatedAt: new Date(media.moderatedAt) } : {}),
  };
}
