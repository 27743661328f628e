import type { CatalogUseCases } from '../../../application/catalog/use-cases.js';
import type { ApiRouter } from '../api-router.js';
import { presentListing, presentListingPage } from './catalog-presenter.js';
import { pageQuery } from '../shared/schemas.js';
import { idParams, listingPageSchema, listingSchema, moderationBody } from './catalog-schemas.js';

const tag = 'Admin';
const adminOnly = { 401: { description: 'not signed in' }, 403: { description: 'not an admin' } };
const decisions = [
  { action: 'approve', verdict: 'approved' },
  { action: 'reject', verdict: 'rejected' },
] as const;

export function adminListingRoutes(api: ApiRouter, useCases: CatalogUseCases): void {
  api.route({
    method: 'get',
    path: '/admin/moderation/listings',
    operationId: 'listModerationQueue',
    tag,
    summary: 'Listings waiting for moderation, oldest first',
    auth: ['admin'],
    query: pageQuery,
    responses: { 200: { description: 'a page of listings', schema: listingPageSchema }, ...adminOnly },
    handler: async ({ query }) => ({
      status: 200,
      body: presentListingPage(await useCases.listModerationQueue.execute(query)),
    }),
  });
  for (const { action, verdict } of decisions) {
    api.route({
      method: 'post',
      path: `/admin/listings/:id/${action}`,
      operationId: `${action}Listing`,
      tag,
      summary: `${action === 'approve' ? 'Approve' : 'Reject'} a listing in moderation (audited; the seller notified)`,
      auth: ['admin'],
      params: idParams,
      body: moderationBody,
      responses: {
        200: { description: `listing ${verdict}`, schema: listingSchema },
        404: { description: 'no such listing' },
        409: { description: 'not in moderation' },
        ...adminOnly,
      },
      handler: async ({ principal, params, body }) => ({
        status: 200,
        body: presentListing(
          await useCases.moderateListing.execute({
            adminId: principal.userId,
            listingId: params.id,
            verdict,
            reason: body.reason,
          }),
        ),
      }),
    });
  }
}
