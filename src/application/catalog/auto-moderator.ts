import {
  autoModerate,
  type AutoModerationVerdict,
  type MediaModerationStatus,
} from '../../domain/catalog/auto-moderation.js';
import type { Listing } from '../../domain/catalog/listing.js';
import type { MediaStatusLookup } from './ports/media-status-lookup.js';

/** Runs the auto-moderation rules with the media statuses and the configured banned words. */
export class AutoModerator {
  constructor(
    private readonly media: MediaStatusLookup,
    private readonly bannedWords: string[],
  ) {}

  async judge(
    listing: Listing,
    knownStatuses: Map<string, MediaModerationStatus> = new Map(),
  ): Promise<AutoModerationVerdict> {
    const toLookUp = listing.mediaIds.filter((id) => !knownStatuses.has(id));
    const looked =
      toLookUp.length > 0
        ? await this.media.statusesOf(toLookUp, listing.sellerId)
        : new Map<string, MediaModerationStatus>();
    return autoModerate(listing, new Map([...looked, ...knownStatuses]), this.bannedWords);
  }
}
