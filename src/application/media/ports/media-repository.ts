import type { Media, MediaStatus } from '../../../domain/media/media.js';
import type { PendingEvents } from '../../shared/outbox/outbox.js';

export interface MediaRepository {
  /** Stores a new media (its id is fresh). */
  create(media: Media): Promise<void>;
  /**
   * Replaces the stored media if its status is still `expectedStatus`, so that of two racing
   * transitions one wins: the other gets `MEDIA_CONCURRENT_UPDATE` (conflict). `MEDIA_NOT_FOUND` when absent.
   * `events` are stored with the change in one atomic step (the outbox; the relay publishes them);
   * a refused save stores none.
   */
  save(media: Media, expectedStatus: MediaStatus, events: PendingEvents): Promise<void>;
  findById(id: string): Promise<Media | null>;
  /** The media of those ids that exist, in no particular order. */
  findByIds(ids: readonly string[]): Promise<Media[]>;
}
export const MediaRepository = Symbol.for('MediaRepository');
