import { createMedia, type Media } from '../../../domain/media/media.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/id-generator.js';
import type { MediaRepository } from '../ports/media-repository.js';
import type { ObjectStorage, PresignedUpload } from '../ports/object-storage.js';

export interface UploadPolicy {
  /** MEDIA_MAX_BYTES. */
  maxBytes: number;
  /** How long the presigned upload URL is valid. */
  uploadUrlTtlSeconds: number;
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

/** A user announces an image: the media is recorded as `awaiting_upload` and gets a short-lived upload URL bound to its type and size. */
export class RequestUpload {
  constructor(
    private readonly media: MediaRepository,
    private readonly storage: ObjectStorage,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    readonly policy: UploadPolicy,
  ) {}

  async execute(command: RequestUploadCommand): Promise<UploadTicket> {
    const media = createMedia({ id: this.ids.next(), ...command, maxBytes: this.policy.maxBytes, at: this.clock.now() });
    const upload = await this.storage.presignPut({
      key: media.objectKey,
      contentType: media.contentType,
      size: media.size,
      expiresInSeconds: this.policy.uploadUrlTtlSeconds,
    });
    await this.media.create(media);
    return { media, upload };
  }
}
