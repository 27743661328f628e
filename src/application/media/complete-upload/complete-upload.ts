import { mediaErrors } from '../../../domain/media/errors.js';
import { completeUpload, matchesDeclaration, type Media } from '../../../domain/media/media.js';
import type { Actor } from '../../shared/actor.js';
import type { EventFactory } from '../../shared/events/event-factory.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { MediaRepository } from '../ports/media-repository.js';
import type { ObjectStorage } from '../ports/object-storage.js';
import type { UploadSlots } from '../ports/upload-slots.js';

/**
 * The owner says the bytes are uploaded: the stored object must exist with the declared type and
 * size (409 otherwise; a mismatching object is deleted). The media goes to `pending_moderation`
 * and `image.moderation.request` is stored with it (the outbox). Completing again while pending
 * answers the media as it is, so a client may retry safely. The completed upload frees its
 * upload slot.
 */
export class CompleteUpload {
  constructor(
    private readonly media: MediaRepository,
    private readonly storage: ObjectStorage,
    private readonly slots: UploadSlots,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, mediaId: string): Promise<Media> {
    const media = await this.media.findById(mediaId);
    if (!media || media.ownerId !== actor.userId) throw mediaErrors.notFound();
    if (media.status === 'pending_moderation') return media;
    const stored = await this.storage.head(media.objectKey);
    if (stored && !matchesDeclaration(media, stored)) await this.storage.delete(media.objectKey);
    const completed = completeUpload(media, stored, this.clock.now());
    const request = this.events.create('image.moderation.request', {
      mediaId: completed.id,
      ownerId: completed.ownerId,
      contentType: completed.contentType,
      size: completed.size,
      objectKey: completed.objectKey,
    });
    await this.media.save(completed, media.status, [request]);
    await this.slots.release(completed.ownerId, completed.id);
    return completed;
  }
}
