import type { MediaView } from '../../../application/media/get-media/get-media.js';
import type { UploadTicket } from '../../../application/media/request-upload/request-upload.js';

export function presentUpload({ media, upload }: UploadTicket) {
  return {
    mediaId: media.id,
    uploadUrl: upload.url,
    method: upload.method,
    headers: upload.headers,
    expiresAt: upload.expiresAt.toISOString(),
  };
}

export function presentMedia({ media, url }: MediaView) {
  return {
    id: media.id,
    ownerId: media.ownerId,
    status: media.status,
    contentType: media.contentType,
    size: media.size,
    filename: media.filename,
    labels: media.labels,
    createdAt: media.createdAt.toISOString(),
    ...(media.moderatedAt ? { moderatedAt: media.moderatedAt.toISOString() } : {}),
    ...(url ? { url } : {}),
  };
}
