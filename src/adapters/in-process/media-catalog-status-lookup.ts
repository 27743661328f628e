import type { MediaStatusLookup } from '../../application/catalog/ports/media-status-lookup.js';
import type { MediaApi } from '../../application/media/public.js';
import type { MediaModerationStatus } from '../../domain/catalog/auto-moderation.js';

/**
 * The catalog's view of media statuses, served in-process by the media module's public API (an HTTP call after a
 * split).
 */
export class InProcessMediaStatusLookup implements MediaStatusLookup {
  constructor(private readonly media: MediaApi) {}

  statusesOf(mediaIds: string[], ownerId: string): Promise<Map<string, MediaModerationStatus>> {
    return this.media.statusesOf(mediaIds, ownerId);
  }
}
