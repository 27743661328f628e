import type { MediaStatusLookup } from '../../application/catalog/ports/media-status-lookup.js';
import type { MediaRepository } from '../../application/media/ports/media-repository.js';
import type { MediaModerationStatus } from '../../domain/catalog/auto-moderation.js';

/** The catalog's view of media statuses, served in-process by the media module (an HTTP call after a split). */
export class InProcessMediaStatusLookup implements MediaStatusLookup {
  constructor(private readonly media: MediaRepository) {}

  async statusesOf(mediaIds: string[], ownerId: string): Promise<Map<string, MediaModerationStatus>> {
    const owned = new Map((await this.media.findByIds(mediaIds)).filter((m) => m.ownerId === ownerId).map((m) => [m.id, m.status]));
    return new Map(mediaIds.map((id) => [id, owned.get(id) ?? 'missing']));
  }
}
