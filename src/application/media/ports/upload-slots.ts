export type SlotClaim =
  { claimed: true } | { claimed: false; /** When the earliest open slot of the owner closes. */ freesAt: Date };

/**
 * A user's open upload slots (MEDIA_MAX_PENDING_UPLOADS): one per media awaiting its bytes, held
 * until the upload is completed or its upload URL expires.
 */
export interface UploadSlots {
  /**
   * Holds a slot of `ownerId` for `mediaId` until `expiresAt`, when fewer than `max` of theirs are
   * open at `now`. Atomic: of racing claims, at most `max` slots are ever held at once.
   */
  claim(ownerId: string, mediaId: string, expiresAt: Date, max: number, now: Date): Promise<SlotClaim>;
  /** Frees the slot of `mediaId` (its upload is complete, or it was never recorded); unknown ones are ignored. */
  release(ownerId: string, mediaId: string): Promise<void>;
}
export const UploadSlots = Symbol.for('UploadSlots');
