import type { MediaStatus } from '../../domain/media/media.js';

/** A media's status as another module sees it: `missing` when unknown or not the owner's. */
export type OwnedMediaStatus = MediaStatus | 'missing';

/** A KYC document as an admin sees it: the media's type and a short-lived link to its bytes. */
export interface MediaDocument {
  mediaId: string;
  contentType: string;
  url: string;
}

/**
 * What other modules may ask of the media module: its public API (served in-process by
 * `MediaPublicApi`; an HTTP API after a split).
 */
export interface MediaApi {
  /** The status of each of `mediaIds` as media of `ownerId`. */
  statusesOf(mediaIds: readonly string[], ownerId: string): Promise<Map<string, OwnedMediaStatus>>;
  /**
   * The ids among `mediaIds` that are media of `ownerId` whose upload is complete (any status after `awaiting_upload`).
   */
  uploadedBy(ownerId: string, mediaIds: readonly string[]): Promise<Set<string>>;
  /** The media of those ids that exist, in the order given, each with a fresh download link (for admins). */
  documents(mediaIds: readonly string[]): Promise<MediaDocument[]>;
}
export const MediaApi = Symbol.for('MediaApi');
