import { moneySchema, pageQuery, timestamp } from '../shared/schemas.js';
import { z } from '../openapi/zod-openapi.js';

const auctionStatuses = ['scheduled', 'live', 'ended', 'cancelled'] as const;
const instant = z.iso
  .datetime({ offset: true, message: 'expected an ISO 8601 date-time with an offset' })
  .transform((value) => new Date(value));

export const createAuctionBody = z
  .object({
    listingId: z.string().min(1).max(128),
    startingPrice: moneySchema,
    minIncrement: moneySchema,
    reservePrice: moneySchema.optional(),
    buyItNowPrice: moneySchema
      .optional()
      .describe(
        'Buy It Now: at least startingPrice and reservePrice, offered while the auction is live and has no bid',
      ),
    startsAt: instant.optional().describe('absent: live at once'),
    endsAt: instant,
    antiSnipingSeconds: z.number().int().min(0).max(3600).optional().describe('default AUCTION_ANTI_SNIPING_SECONDS'),
  })
  .strict()
  .openapi('CreateAuctionRequest');

export const placeBidBody = z
  .object({
    price: moneySchema,
    maxPrice: moneySchema.optional().describe('proxy bidding: the system bids for you up to this amount'),
  })
  .strict()
  .openapi('PlaceBidRequest');

export const auctionIdParams = z.object({ id: z.string().min(1).max(128) });
export const listAuctionsQuery = pageQuery.extend({
  status: z.enum(['live', 'scheduled', 'ended', 'cancelled']).optional(),
});

const alias = z
  .string()
  .describe('the bidder\'s alias in this auction ("Bidder 1", "Bidder 2"... in order of first bid)');

export const auctionSchema = z
  .object({
    id: z.string(),
    listingId: z.string(),
    sellerId: z.string(),
    title: z.string(),
    startingPrice: moneySchema,
    minIncrement: moneySchema,
    reservePrice: moneySchema.optional().describe('only for the seller and admins'),
    reserveMet: z.boolean().describe('the price has reached the reserve with a leader (always true without a reserve)'),
    buyItNowPrice: moneySchema.optional(),
    buyItNowAvailable: z.boolean().describe('a Buy It Now price is set, the auction is live and has no bid'),
    currentPrice: moneySchema,
    leadingBidderId: z.string().nullable().describe('null for others than the leader themself, the seller and admins'),
    leadingBidderAlias: alias.nullable(),
    bidCount: z
      .number()
      .int()
      .describe('bids in the public history (a leader raising their own maximum does not count)'),
    startsAt: timestamp,
    endsAt: timestamp,
    antiSnipingSeconds: z.number().int(),
    status: z.enum(auctionStatuses),
    winnerId: z
      .string()
      .nullable()
      .optional()
      .describe(
        'once ended: null when nobody won; a winner is named only to themself, the seller and admins (absent for ' +
          'others)',
      ),
    winnerAlias: alias.nullable().optional().describe("once ended: the winner's alias, null when nobody won"),
    orderId: z.string().optional().describe("the winner's order: only for the winner, the seller and admins"),
    createdAt: timestamp,
  })
  .openapi('Auction');
export const auctionPageSchema = z
  .object({ items: z.array(auctionSchema), nextCursor: z.string().nullable() })
  .openapi('AuctionPage');

export const bidSchema = z
  .object({
    id: z.string(),
    bidderId: z.string().optional().describe('only for the bidder themself, the seller and admins'),
    bidderAlias: alias,
    kind: z
      .enum(['bid', 'max_raise'])
      .describe('max_raise: the leader raised their own maximum (only in the answer to it, never in the history)'),
    price: moneySchema.describe('the amount bid; for a max_raise, the current price it left'),
    maxPrice: moneySchema.optional().describe('only for its own bidder'),
    outcome: z.enum(['leading', 'outbid']).describe('whether the bidder led right after this bid'),
    createdAt: timestamp,
  })
  .openapi('Bid');
export const bidPageSchema = z
  .object({ items: z.array(bidSchema), nextCursor: z.string().nullable() })
  .openapi('BidPage');
export const placedBidSchema = z.object({ bid: bidSchema, auction: auctionSchema }).openapi('PlacedBid');
