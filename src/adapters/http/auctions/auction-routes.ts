import type { AuctionUseCases } from '../../../application/auctions/use-cases.js';
import type { ApiRouter } from '../api-router.js';
import type { RateLimits } from '../rate-limits/rate-limits.js';
import { optionalIdempotencyKey } from '../idempotency-key-header.js';
import { pageQuery } from '../shared/schemas.js';
import { presentAuction, presentBid } from './auction-presenter.js';
import {
  auctionIdParams,
  auctionPageSchema,
  auctionSchema,
  bidPageSchema,
  createAuctionBody,
  listAuctionsQuery,
  placeBidBody,
  placedBidSchema,
} from './auction-schemas.js';
import { resourcePath } from '../created-location.js';

const tag = 'Auctions';
const signedIn = { 401: { description: 'not signed in' } };
const notFound = { 404: { description: 'no such auction' } };

export function auctionRoutes(api: ApiRouter, useCases: AuctionUseCases, limits: RateLimits): void {
  api.route({
    method: 'post',
    path: '/auctions',
    operationId: 'createAuction',
    tag,
    summary: 'Auction one unit of your published listing (KYC verified sellers); without startsAt it is live at once',
    auth: ['seller'],
    body: createAuctionBody,
    responses: {
      201: { description: 'the auction', schema: auctionSchema },
      400: {
        description:
          'bad terms (currency, dates, reserve under the starting price, Buy It Now under the starting or reserve ' +
          'price)',
      },
      403: { description: 'not your listing, or KYC not verified' },
      404: { description: 'no such listing' },
      409: { description: 'listing not published, already auctioned, or no unit left' },
      ...signedIn,
    },
    handler: async ({ principal, body }) => ({
      status: 201,
      body: presentAuction(await useCases.createAuction.execute({ ...body, sellerId: principal.userId }), principal),
    }),
    location: ({ id }) => resourcePath('auctions', id),
  });
  api.route({
    method: 'get',
    path: '/auctions',
    operationId: 'listAuctions',
    tag,
    summary:
      'Auctions, newest first, optionally of one status (bidders by alias; ids and the reserve as for GET ' +
      '/auctions/{id})',
    auth: 'optional',
    query: listAuctionsQuery,
    responses: { 200: { description: 'a page of auctions', schema: auctionPageSchema } },
    handler: async ({ query, viewer }) => {
      const { status, limit, cursor } = query;
      const page = await useCases.listAuctions.execute(status ? { status } : {}, { limit, cursor });
      return {
        status: 200,
        body: { items: page.items.map((auction) => presentAuction(auction, viewer)), nextCursor: page.nextCursor },
      };
    },
  });
  api.route({
    method: 'get',
    path: '/auctions/:id',
    operationId: 'getAuction',
    tag,
    summary:
      'An auction as it stands now. Bidders are shown by alias; leadingBidderId, winnerId and orderId only to that ' +
      'bidder, ' +
      'the seller and admins (a signed-in viewer is recognised by their token); reservePrice only to the seller and ' +
      'admins',
    auth: 'optional',
    params: auctionIdParams,
    responses: { 200: { description: 'the auction', schema: auctionSchema }, ...notFound },
    handler: async ({ params, viewer }) => ({
      status: 200,
      body: presentAuction(await useCases.getAuction.execute(params.id), viewer),
    }),
  });
  api.route({
    method: 'post',
    path: '/auctions/:id/bids',
    operationId: 'placeBid',
    idempotencyKey: 'optional',
    tag,
    summary:
      'Bid: at least startingPrice first, then currentPrice + minIncrement; maxPrice asks for proxy bidding. ' +
      "The leader's own request only raises their maximum (maxPrice, or price without one, above their current " +
      'maximum): ' +
      'kind max_raise, not in the public history, bidCount and endsAt unchanged, the price moved only to meet the ' +
      'reserve. ' +
      'Header Idempotency-Key (optional, 8-128 chars, kept 24 h): the same key and body answer the first acceptance ' +
      'again and store one bid',
    auth: ['buyer'],
    params: auctionIdParams,
    body: placeBidBody,
    before: limits.bid,
    responses: {
      201: { description: 'accepted: the bid and the new state', schema: placedBidSchema },
      429: { description: 'RATE_LIMITED: more than BID_MAX_PER_SECOND bids of yours this second (Retry-After)' },
      400: { description: 'bad amount, currency or Idempotency-Key' },
      403: { description: 'the seller cannot bid' },
      409: {
        description:
          'AUCTION_BID_TOO_LOW (with minimum and currentPrice; for the leader, a maximum not above their own), ' +
          'AUCTION_NOT_LIVE, or IDEMPOTENCY_KEY_REUSED (the key went with another body)',
      },
      ...notFound,
      ...signedIn,
    },
    handler: async ({ principal, params, body, req }) => {
      const idempotencyKey = optionalIdempotencyKey(req);
      const placed = await useCases.placeBid.execute({
        auctionId: params.id,
        bidderId: principal.userId,
        ...body,
        ...(idempotencyKey ? { idempotencyKey } : {}),
      });
      return {
        status: 201,
        body: {
          bid: presentBid(placed.bid, placed.auction, principal),
          auction: presentAuction(placed.auction, principal),
        },
      };
    },
    // A bid has no address of its own: the auction it raised (its bids are listed at /auctions/:id/bids).
    location: (_placed, { params }) => resourcePath('auctions', params.id),
  });
  api.route({
    method: 'get',
    path: '/auctions/:id/bids',
    operationId: 'listBids',
    tag,
    summary:
      "The public bid history, newest first (not the leader's raises of their maximum); bidderId only to that " +
      'bidder, the seller and admins',
    auth: 'optional',
    params: auctionIdParams,
    query: pageQuery,
    responses: { 200: { description: 'a page of bids', schema: bidPageSchema }, ...notFound },
    handler: async ({ params, query, viewer }) => {
      const { auction, bids } = await useCases.listBids.execute(params.id, {
        limit: query.limit,
        cursor: query.cursor,
      });
      return {
        status: 200,
        body: { items: bids.items.map((bid) => presentBid(bid, auction, viewer)), nextCursor: bids.nextCursor },
      };
    },
  });
  api.route({
    method: 'post',
    path: '/auctions/:id/cancel',
    operationId: 'cancelAuction',
    tag,
    summary: 'Cancel: the seller before the first bid, an admin until the end',
    auth: true,
    params: auctionIdParams,
    responses: {
      200: { description: 'cancelled', schema: auctionSchema },
      403: { description: 'neither its seller nor an admin' },
      409: { description: 'a bid was placed, or it has ended' },
      ...notFound,
      ...signedIn,
    },
    handler: async ({ principal, params }) => ({
      status: 200,
      body: presentAuction(await useCases.cancelAuction.execute(principal, params.id), principal),
    }),
  });
  api.route({
    method: 'post',
    path: '/auctions/:id/buy-now',
    operationId: 'buyAuctionNow',
    tag,
    summary:
      'Buy It Now (buyers, not the seller): ends a live auction without bids at once, the caller winning at ' +
      'buyItNowPrice. ' +
      "The answer names the winner's order (orderId), assigned with the end; the order itself is created a moment " +
      'later, as for any winner',
    auth: ['buyer'],
    params: auctionIdParams,
    responses: {
      200: { description: 'the ended auction with orderId', schema: auctionSchema },
      403: { description: 'the seller cannot buy their own auction' },
      409: {
        description:
          'AUCTION_BUY_NOW_UNAVAILABLE: no Buy It Now price, not live, or a bid (or another buyer) came first',
      },
      ...notFound,
      ...signedIn,
    },
    handler: async ({ principal, params }) => ({
      status: 200,
      body: presentAuction(
        await useCases.buyNow.execute({ auctionId: params.id, buyerId: principal.userId }),
        principal,
      ),
    }),
  });
}
