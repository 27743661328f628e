import type { CatalogUseCases } from '../../../application/catalog/use-cases.js';
import type { ApiRouter } from '../api-router.js';
import { attributeFilters, attributeFiltersDescription } from './attribute-filters.js';
import { presentListing, presentListingsWithStock } from './catalog-presenter.js';
import {
  createListingBody,
  idParams,
  listingPageSchema,
  listingSchema,
  searchQuery,
  updateListingBody,
} from './catalog-schemas.js';
import { resourcePath } from '../created-location.js';

const tag = 'Listings';
const notFound = { 404: { description: 'no such listing, or not yours to see' } };
const signedIn = { 401: { description: 'not signed in' } };

export function listingRoutes(api: ApiRouter, useCases: CatalogUseCases): void {
  api.route({
    method: 'post',
    path: '/listings',
    operationId: 'createListing',
    tag,
    summary: 'Draft a listing (sellers); attributes are checked against the category',
    auth: ['seller'],
    body: createListingBody,
    responses: {
      201: { description: 'draft created', schema: listingSchema },
      400: { description: 'bad input, with the failing attribute named' },
      403: { description: 'not a seller' },
      404: { description: 'CATEGORY_NOT_FOUND: no such category' },
      ...signedIn,
    },
    handler: async ({ principal, body }) => ({
      status: 201,
      body: presentListing(await useCases.createListing.execute(principal, body)),
    }),
    location: ({ id }) => resourcePath('listings', id),
  });
  api.route({
    method: 'get',
    path: '/listings',
    operationId: 'searchListings',
    tag,
    summary: 'Search published listings',
    description: attributeFiltersDescription,
    query: searchQuery,
    responses: {
      200: { description: 'a page of listings', schema: listingPageSchema },
      400: { description: 'bad parameter' },
    },
    handler: async ({ query }) => {
      const { q, categoryId, minPrice, maxPrice, sellerId, sort, limit, cursor, ...extra } = query;
      const attributes = attributeFilters(extra as Record<string, string>);
      const page = await useCases.searchListings.execute({
        text: q,
        categoryId,
        minPrice,
        maxPrice,
        sellerId,
        sort,
        limit,
        cursor,
        attributes,
      });
      return { status: 200, body: presentListingsWithStock(page) };
    },
  });
  api.route({
    method: 'get',
    path: '/listings/:id',
    operationId: 'getListing',
    tag,
    summary: 'A listing: anyone when published, its seller and admins otherwise',
    auth: 'optional',
    params: idParams,
    responses: { 200: { description: 'the listing', schema: listingSchema }, ...notFound },
    handler: async ({ params, viewer }) => {
      const { listing, availableQuantity } = await useCases.getListing.execute(params.id, viewer);
      return { status: 200, body: presentListing(listing, availableQuantity) };
    },
  });
  api.route({
    method: 'patch',
    path: '/listings/:id',
    operationId: 'updateListing',
    tag,
    summary:
      'Edit a listing (its seller); a rejected one goes back to draft, a published one is moderated again when its ' +
      'content changes',
    auth: true,
    params: idParams,
    body: updateListingBody,
    responses: {
      200: { description: 'updated', schema: listingSchema },
      403: { description: 'not yours' },
      409: { description: 'under moderation or archived' },
      ...notFound,
      ...signedIn,
    },
    handler: async ({ principal, params, body }) => ({
      status: 200,
      body: presentListing(await useCases.updateListing.execute(principal, params.id, body)),
    }),
  });
  api.route({
    method: 'post',
    path: '/listings/:id/publish',
    operationId: 'publishListing',
    tag,
    summary: 'Publish (KYC-verified sellers): straight to published when auto-moderation passes, else to moderation',
    auth: true,
    params: idParams,
    responses: {
      200: { description: 'published or in moderation', schema: listingSchema },
      403: { description: 'KYC_REQUIRED, or not yours' },
      409: { description: 'not a draft' },
      ...notFound,
      ...signedIn,
    },
    handler: async ({ principal, params }) => ({
      status: 200,
      body: presentListing(await useCases.publishListing.execute(principal, params.id)),
    }),
  });
  api.route({
    method: 'delete',
    path: '/listings/:id',
    operationId: 'archiveListing',
    tag,
    summary: 'Archive a listing (its seller or an admin)',
    auth: true,
    params: idParams,
    responses: {
      204: { description: 'archived' },
      403: { description: 'not yours' },
      409: { description: 'already archived' },
      ...notFound,
      ...signedIn,
    },
    handler: async ({ principal, params }) => {
      await useCases.archiveListing.execute(principal, params.id);
      return { status: 204 };
    },
  });
}
