import { mediaErrors } from '../../../domain/media/errors.js';
import type { Media } from '../../../domain/media/media.js';
import { isAdmin, type Actor } from '../../shared/actor.js';
import type { MediaRepository } from '../ports/media-repository.js';
import type { ObjectStorage } from '../ports/object-storage.js';

export interface MediaView {
  media: Media;
  /** A short-lived download link: for anyone once approved, and for admins (who moderate it) once uploaded. */
  url?: string;
}

/** A media: its owner and admins see it in every state, anyone else only once approved (404 otherwise). */
export class GetMedia {
  constructor(
    private readonly media: MediaRepository,
    private readonly storage: ObjectStorage,
    private readonly downloadUrlTtlSeconds: number,
  ) {}

  async execute(mediaId: string, viewer: Actor | undefined): Promise<MediaView> {
    const media = await this.media.findById(mediaId);
    const admin = isAdmin(viewer);
    const visible = media && (media.status === 'approved' || admin || media.ownerId === viewer?.userId);
    if (!visible) throw mediaErrors.notFound();
    const downloadable = media.status === 'approved' || (admin && media.status !== 'awaiting_upload');
    if (!downloadable) return { media };
    return { media, url: await this.storage.presignGet(media.objectKey, this.downloadUrlTtlSeconds) };
  }
}
