import { mediaErrors } from '../../../domain/media/errors.js';
import { createMedia, type Media } from '../../../domain/media/media.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/id-generator.js';
import type { MediaRepository } from '../ports/media-repository.js';
import type { ObjectStorage, PresignedUpload } from '../ports/object-storage.js';
import type { UploadSlots } from '../ports/upload-slots.js';

export interface UploadPolicy {
  /** MEDIA_MAX_BYTES. */
  maxBytes: number;
  /** How long the presigned upload URL is valid. */
  uploadUrlTtlSeconds: number;
  /** MEDIA_MAX_PENDING_UPLOADS: a user's media awaiting their bytes at once (until completed or their URL expires). */
  maxPendingUploads: number;
}

export interface RequestUploadCommand {
  ownerId: string;
  contentType: string;
  size: number;
  filename: string;
}

export interface UploadTicket {
  media: Media;
  upload: PresignedUpload;
}

/**
 * A user announces an image: the media is recorded as `awaiting_upload` and gets a short-lived
 * upload URL bound to its type and size. It holds one of the user's open upload slots until it is
 * completed or the URL expires; with every slot taken the request is 429 `RATE_LIMITED`.
 */
export class RequestUpload {
  constructor(
    private readonly media: MediaRepository,
    private readonly storage: ObjectStorage,
    private readonly slots: UploadSlots,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    readonly policy: UploadPolicy,
  ) {}

  async execute(command: RequestUploadCommand): Promise<UploadTicket> {
    const now = this.clock.now();
    const media = createMedia({ id: this.ids.next(), ...command, maxBytes: this.policy.maxBytes, at: now });
    await this.claimSlot(media, now);
    try {
      const upload = await this.storage.presignPut({
        key: media.objectKey,
        contentType: media.contentType,
        size: media.size,
        expiresInSeconds: this.policy.uploadUrlTtlSeconds,
      });
      await this.media.create(media);
      return { media, upload };
    } catch (error) {
      await this.slots.release(media.ownerId, media.id);
      throw error;
    }
  }

  private async claimSlot(media: Media, now: Date): Promise<void> {
    const closesAt = new Date(now.getTime() + this.policy.uploadUrlTtlSeconds * 1000);
    const { maxPendingUploads } = this.policy;
    const claim = await this.slots.claim(media.ownerId, media.id, closesAt, maxPendingUploads, now);
    if (claim.claimed) return;
    const retryAfter = Math.max(1, Math.ceil((claim.freesAt.getTime() - now.getTime()) / 1000));
    throw mediaErrors.tooManyPendingUploads(maxPendingUploads, retryAfter);
  }
}
