import { mediaErrors } from './errors.js';

export const allowedContentTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type AllowedContentType = (typeof allowedContentTypes)[number];

export const mediaStatuses = ['awaiting_upload', 'pending_moderation', 'approved', 'rejected'] as const;
export type MediaStatus = (typeof mediaStatuses)[number];
export type ModerationVerdict = 'approved' | 'rejected';

/** What the object store holds under a media's key. */
export interface StoredObject {
  contentType: string;
  size: number;
}

/** An uploaded image and its moderation: `awaiting_upload -> pending_moderation -> approved | rejected`. */
export interface Media {
  id: string;
  ownerId: string;
  contentType: AllowedContentType;
  /** Declared size in bytes; the uploaded object must match it exactly. */
  size: number;
  filename: string;
  /** Where the bytes live in the object store. */
  objectKey: string;
  status: MediaStatus;
  /** What moderation found (empty until then). */
  labels: string[];
  createdAt: Date;
  updatedAt: Date;
  moderatedAt?: Date;
}

export interface NewMedia {
  id: string;
  ownerId: string;
  contentType: string;
  size: number;
  filename: string;
  maxBytes: number;
  at: Date;
}

const isAllowedType = (value: string): value is AllowedContentType =>
  (allowedContentTypes as readonly string[]).includes(value);
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f]/;

export function mediaObjectKey(mediaId: string): string {
  return `media/${mediaId}`;
}

/** A new media waiting for its bytes: an allowed image type, 1..maxBytes bytes, a plain file name. */
export function createMedia(input: NewMedia): Media {
  if (!isAllowedType(input.contentType)) throw mediaErrors.typeNotAllowed(input.contentType, allowedContentTypes);
  if (!Number.isInteger(input.size) || input.size < 1 || input.size > input.maxBytes)
    throw mediaErrors.sizeInvalid(input.size, input.maxBytes);
  const filename = input.filename.trim();
  if (filename.length === 0 || filename.length > 255 || controlCharacters.test(filename))
    throw mediaErrors.filenameInvalid();
  return {
    id: input.id,
    ownerId: input.ownerId,
    contentType: input.contentType,
    size: input.size,
    filename,
    objectKey: mediaObjectKey(input.id),
    status: 'awaiting_upload',
    labels: [],
    createdAt: input.at,
    updatedAt: input.at,
  };
}

/** Whether the stored object is what the owner declared. */
export function matchesDeclaration(media: Pick<Media, 'contentType' | 'size'>, stored: StoredObject): boolean {
  return stored.contentType.toLowerCase() === media.contentType && stored.size === media.size;
}

/** awaiting_upload -> pending_moderation, once the object is stored with the declared type and size. */
export function completeUpload(media: Media, stored: StoredObject | null, at: Date): Media {
  if (media.status !== 'awaiting_upload') throw mediaErrors.invalidTransition(media.status, 'complete the upload of');
  if (!stored) throw mediaErrors.objectMissing();
  if (!matchesDeclaration(media, stored))
    throw mediaErrors.objectMismatch({ contentType: media.contentType, size: media.size }, stored);
  return { ...media, status: 'pending_moderation', updatedAt: at };
}

/**
 * pending_moderation -> approved | rejected. The same verdict again changes nothing (the media is
 * returned as is); another verdict once decided, or a verdict before the upload, is refused.
 */
export function moderate(media: Media, verdict: ModerationVerdict, labels: readonly string[], at: Date): Media {
  if (media.status === verdict) return media;
  if (media.status !== 'pending_moderation') throw mediaErrors.invalidTransition(media.status, `mark as ${verdict}`);
  const cleaned = [...new Set(labels.map((label) => label.trim()).filter(Boolean))];
  return { ...media, status: verdict, labels: cleaned, moderatedAt: at, updatedAt: at };
}
