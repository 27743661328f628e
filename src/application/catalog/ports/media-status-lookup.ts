import type { MediaModerationStatus } from '../../../domain/catalog/auto-moderation.js';

/**
 * What the catalog needs to know of media: the moderation status of each id (`missing` when unknown or not the
 * owner's).
 */
export interface MediaStatusLookup {
  statusesOf(mediaIds: string[], ownerId: string): Promise<Map<string, MediaModerationStatus>>;
}
export const MediaStatusLookup = Symbol.for('MediaStatusLookup');
