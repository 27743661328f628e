import { allowedContentTypes, mediaStatuses } from '../../../domain/media/media.js';
import { z } from '../openapi/zod-openapi.js';
import { timestamp } from '../shared/schemas.js';

/** The upload request; `size` is capped by MEDIA_MAX_BYTES, known when the routes are built. */
export const requestUploadBody = (maxBytes: number) =>
  z
    .object({
      contentType: z.enum(allowedContentTypes, { message: `expected one of ${allowedContentTypes.join(', ')}` }),
      size: z
        .number({ message: 'expected the size in bytes' })
        .int('expected a whole number of bytes')
        .positive('expected at least 1 byte')
        .max(maxBytes, `expected at most ${maxBytes} bytes (MEDIA_MAX_BYTES)`),
      filename: z
        .string({ message: 'expected a file name' })
        .trim()
        .min(1, 'expected a file name')
        .max(255, 'expected at most 255 characters'),
    })
    .openapi('MediaUploadRequest');

export const moderationBody = z
  .object({
    verdict: z.enum(['approved', 'rejected'], { message: 'expected approved or rejected' }),
    labels: z.array(z.string().trim().min(1).max(64)).max(20).optional(),
  })
  .openapi('MediaModerationVerdict');

export const mediaIdParams = z.object({ id: z.string().min(1).max(128) });

export const uploadSchema = z
  .object({
    mediaId: z.string(),
    uploadUrl: z
      .string()
      .openapi({ description: 'absolute, presigned; send the bytes there with `method` and `headers`' }),
    method: z.literal('PUT'),
    headers: z.record(z.string(), z.string()),
    expiresAt: timestamp,
  })
  .openapi('MediaUpload');

export const mediaSchema = z
  .object({
    id: z.string(),
    ownerId: z.string(),
    status: z.enum(mediaStatuses),
    contentType: z.string(),
    size: z.number().int(),
    filename: z.string(),
    labels: z.array(z.string()),
    createdAt: timestamp,
    moderatedAt: timestamp.optional(),
    url: z.string().optional().openapi({ description: 'short-lived download link, once approved' }),
  })
  .openapi('Media');
