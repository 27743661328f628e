import type { MediaUseCases } from '../../../application/media/use-cases.js';
import type { ApiRouter } from '../api-router.js';
import { presentMedia, presentUpload } from './media-presenter.js';
import { mediaIdParams, mediaSchema, requestUploadBody, uploadSchema } from './media-schemas.js';
import { resourcePath } from '../created-location.js';

const tag = 'Media';
const signedIn = { 401: { description: 'not signed in' } };
const notFound = { 404: { description: 'no such media, or not yours to see' } };

export function mediaRoutes(api: ApiRouter, useCases: MediaUseCases): void {
  api.route({
    method: 'post',
    path: '/media/uploads',
    operationId: 'createUpload',
    tag,
    summary: 'Announce an image and get a presigned upload URL bound to its content type and size',
    auth: true,
    body: requestUploadBody(useCases.requestUpload.policy.maxBytes),
    responses: {
      201: { description: 'upload URL issued', schema: uploadSchema },
      400: { description: 'type not allowed, too large, or a field missing' },
      429: {
        description:
          'RATE_LIMITED: MEDIA_MAX_PENDING_UPLOADS of your uploads already await their bytes (Retry-After: when the ' +
          'earliest URL expires)',
      },
      ...signedIn,
    },
    handler: async ({ principal, body }) => ({
      status: 201,
      body: presentUpload(await useCases.requestUpload.execute({ ownerId: principal.userId, ...body })),
    }),
    location: ({ mediaId }) => resourcePath('media', mediaId),
  });
  api.route({
    method: 'post',
    path: '/media/:id/complete',
    operationId: 'completeUpload',
    tag,
    summary:
      'Tell the server the bytes are uploaded: checked against the declared type and size, then sent to moderation',
    auth: true,
    params: mediaIdParams,
    responses: {
      200: { description: 'pending moderation', schema: mediaSchema },
      409: { description: 'nothing uploaded, or it differs from the declaration' },
      ...notFound,
      ...signedIn,
    },
    handler: async ({ principal, params }) => ({
      status: 200,
      body: presentMedia({ media: await useCases.completeUpload.execute(principal, params.id) }),
    }),
  });
  api.route({
    method: 'get',
    path: '/media/:id',
    operationId: 'getMedia',
    tag,
    summary: 'A media: its owner (and admins) in any state, anyone once approved, with a short-lived download URL',
    auth: 'optional',
    params: mediaIdParams,
    responses: { 200: { description: 'the media', schema: mediaSchema }, ...notFound },
    handler: async ({ params, viewer }) => ({
      status: 200,
      body: presentMedia(await useCases.getMedia.execute(params.id, viewer)),
    }),
  });
}
