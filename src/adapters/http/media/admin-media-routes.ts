import type { MediaUseCases } from '../../../application/media/use-cases.js';
import type { ApiRouter } from '../api-router.js';
import { presentMedia } from './media-presenter.js';
import { mediaIdParams, mediaSchema, moderationBody } from './media-schemas.js';

export function adminMediaRoutes(api: ApiRouter, useCases: MediaUseCases): void {
  api.route({
    method: 'post',
    path: '/admin/media/:id/moderation',
    operationId: 'moderateMedia',
    tag: 'Admin',
    summary:
      'Approve or reject an uploaded image (stands in for automatic moderation); publishes image.moderation.result',
    auth: ['admin'],
    params: mediaIdParams,
    body: moderationBody,
    responses: {
      200: { description: 'the verdict is applied', schema: mediaSchema },
      400: { description: 'bad verdict or labels' },
      401: { description: 'not signed in' },
      403: { description: 'not an admin' },
      404: { description: 'no such media' },
      409: { description: 'not pending moderation (not uploaded yet, or already decided otherwise)' },
    },
    handler: async ({ principal, params, body }) => {
      const media = await useCases.submitModerationVerdict.execute({
        moderatorId: principal.userId,
        mediaId: params.id,
        ...body,
      });
      return { status: 200, body: presentMedia({ media }) };
    },
  });
}
