import { moneySchema, pageQuery } from '../catalog/catalog-schemas.js';
import { z } from '../openapi/zod-openapi.js';

const auctionStatuses = ['scheduled', 'live', 'ended', 'cancelled'] as const;
const instant = z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date-time with an offset' }).transform((value) => new Date(value));

export const createAuctionBody = z
  .object({
    listingId: z.string().min(1).max(128),
    startingPrice: moneySchema,
    minIncrement: moneySchema,
    reservePrice: moneySchema.optional(),
    startsAt: instant.optional().describe('absent: live at once'),
    endsAt: instant,
    antiSnipingSeconds: z.number().int().min(0).max(3600).optional().describe('default AUCTION_ANTI_SNIPING_SECONDS'),
  })
  .strict()
  .openapi('CreateAuctionRequest');

export const placeBidBody = z
  .object({ price: moneySchema, maxPrice: moneySchema.optional().describe('proxy bidding: the system bids for you up to this amount') })
  .strict()
  .openapi('PlaceBidRequest');

export const auctionIdParams = z.object({ id: z.string().min(1).max(128) });
export const listAuctionsQuery = pageQuery.extend({ status: z.enum(['live', 'scheduled', 'ended', 'cancelled']).optional() });

export const auctionSchema = z
  .object({
    id: z.string(),
    listingId: z.string(),
    sellerId: z.string(),
    title: z.string(),
    startingPrice: moneySchema,
    minIncrement: moneySchema,
    reservePrice: moneySchema.optional(),
    currentPrice: moneySchema,
    leadingBidderId: z.string().nullable(),
    bidCount: z.number().int(),
    startsAt: z.string(),
    endsAt: z.string(),
    antiSnipingSeconds: z.number().int(),
    status: z.enum(auctionStatuses),
    winnerId: z.string().nullable().optional(),
    orderId: z.string().optional(),
    createdAt: z.string(),
  })
  .openapi('Auction');
export const auctionPageSchema = z.object({ items: z.array(auctionSchema), nextCursor: z.string().nullable() }).openapi('AuctionPage');

export const bidSchema = z
  .object({
    id: z.string(),
    bidderId: z.string(),
    price: moneySchema,
    maxPrice: moneySchema.optional().describe('only in the answer to its own bidder'),
    outcome: z.enum(['leading', 'outbid']).describe('whether the bidder led right after this bid'),
    createdAt: z.string(),
  })
  .openapi('Bid');
export const bidPageSchema = z.object({ items: z.array(bidSchema), nextCursor: z.string().nullable() }).openapi('BidPage');
export const placedBidSchema = z.object({ bid: bidSchema, auction: auctionSchema }).openapi('PlacedBid');
