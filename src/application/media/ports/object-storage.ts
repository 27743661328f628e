import type { StoredObject } from '../../../domain/media/media.js';

export interface PresignPutRequest {
  key: string;
  contentType: string;
  /** Exact body size in bytes the URL accepts. */
  size: number;
  expiresInSeconds: number;
}

/**
 * What a client needs to upload the bytes itself: send `method` to `url` with `headers` and exactly the declared size.
 */
export interface PresignedUpload {
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: Date;
}

/**
 * Where media bytes live (S3 or the embedded store). Clients upload and download directly with
 * short-lived presigned URLs; the API never proxies the bytes.
 */
export interface ObjectStorage {
  /** An absolute URL that accepts one object under `key`, bound to that content type and size, until it expires. */
  presignPut(request: PresignPutRequest): Promise<PresignedUpload>;
  /** The stored object's type and size, or null when nothing is stored under `key`. */
  head(key: string): Promise<StoredObject | null>;
  /** An absolute URL that serves the object until it expires. */
  presignGet(key: string, expiresInSeconds: number): Promise<string>;
  /** Removes the object; removing an absent one is not an error. */
  delete(key: string): Promise<void>;
}
export const ObjectStorage = Symbol.for('ObjectStorage');
