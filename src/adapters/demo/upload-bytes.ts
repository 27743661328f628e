import type { EmbeddedObjectStorage } from '../memory/media/embedded-object-storage.js';
import type { UploadBytes } from './demo-deps.js';

/** PUTs the bytes to the presigned URL (S3 or any store that a URL reaches). */
export const uploadOverHttp: UploadBytes = async (upload, bytes) => {
  const response = await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.headers, body: bytes });
  if (!response.ok) throw new Error(`the upload answered ${response.status}: ${await response.text()}`);
};

/**
 * Hands the bytes to the embedded store with the same checks its `PUT /media-store/...` route makes (signature,
 * expiry, type, size): its URLs name PUBLIC_BASE_URL, which the process may not be reachable at while it starts.
 */
export function uploadToEmbeddedStore(store: EmbeddedObjectStorage): UploadBytes {
  return async (upload, bytes) => {
    const url = new URL(upload.uploadUrl);
    const key = decodeURIComponent(url.pathname.replace(/^\/media-store\//, ''));
    const authorized = store.authorizePut({
      key,
      query: Object.fromEntries(url.searchParams),
      contentType: upload.headers['Content-Type'] ?? upload.headers['content-type'],
      contentLength: bytes.length,
    });
    store.put(authorized, bytes);
  };
}
