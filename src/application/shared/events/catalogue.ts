import { z } from 'zod';
import { idSchema, isoDateSchema, moneySchema } from './schemas.js';

const nullableId = idSchema.nullable();
/** What an admin action (and so an audit entry) may be about. */
export const auditTargetTypes = ['listing', 'category', 'media', 'user', 'delivery', 'order', 'auction'] as const;
const listingRef = { listingId: idSchema, sellerId: idSchema };
const orderRef = { orderId: idSchema, buyerId: idSchema, sellerIds: z.array(idSchema) };
const stockLevel = { listingId: idSchema, available: z.number().int().nonnegative() };
const auctionState = {
  auctionId: idSchema,
  currentPrice: moneySchema,
  leadingBidderId: nullableId,
  /** (1.1) The leader's per-auction alias ("Bidder 2"): what public rooms are shown instead of the id. */
  leadingBidderAlias: z.string().nullable().default(null),
  /** (1.1) The price has reached the reserve with a leader (always true without a reserve). */
  reserveMet: z.boolean(),
  endsAt: isoDateSchema,
};

/**
 * Every topic on the EventBus and the zod schema of its payload. Publishers, consumers, the
 * realtime gateway and the docs all read this one table; a payload is checked on publish.
 */
export const eventCatalogue = {
  'listing.created': z.object({
    ...listingRef,
    categoryId: idSchema,
    title: z.string(),
    price: moneySchema,
    quantity: z.number().int().nonnegative(),
    status: z.string(),
  }),
  'listing.published': z.object({
    ...listingRef,
    categoryId: idSchema,
    price: moneySchema,
    quantity: z.number().int().nonnegative(),
    publishedAt: isoDateSchema,
  }),
  'listing.updated': z.object({
    ...listingRef,
    status: z.string(),
    changes: z.array(z.string()),
    price: moneySchema,
    quantity: z.number().int().nonnegative(),
  }),

  'stock.reserved': z.object({
    ...stockLevel,
    holderId: idSchema,
    quantity: z.number().int().positive(),
    expiresAt: isoDateSchema,
  }),
  'stock.released': z.object({
    ...stockLevel,
    holderId: idSchema,
    quantity: z.number().int().positive(),
    reason: z.enum(['removed', 'expired', 'order_cancelled', 'auction_ended']),
  }),
  'stock.updated': z.object({ ...stockLevel, quantityOnHand: z.number().int().nonnegative() }),

  'order.created': z.object({
    ...orderRef,
    items: z.array(
      z.object({
        listingId: idSchema,
        sellerId: idSchema,
        quantity: z.number().int().positive(),
        unitPrice: moneySchema,
      }),
    ),
    total: moneySchema,
    /** Set when the order is an auction's winning bid. */
    auctionId: idSchema.optional(),
  }),
  'order.paid': z.object({ ...orderRef, total: moneySchema, paidAt: isoDateSchema }),
  'order.cancelled': z.object({
    ...orderRef,
    cancelledBy: idSchema,
    reason: z.string().optional(),
    /** (1.1) `buyer`, `admin`, or `payment_timeout` when the server cancelled it unpaid past its deadline. */
    cancelReason: z.enum(['buyer', 'admin', 'payment_timeout']).optional(),
    /** Set when the order was an auction's (a second chance may follow a payment timeout). */
    auctionId: idSchema.optional(),
    /** (1.1) The refund of a paid order's total, made before the cancel. */
    refund: z.object({ id: idSchema, amount: moneySchema, refundedAt: isoDateSchema }).optional(),
    items: z.array(z.object({ listingId: idSchema, quantity: z.number().int().positive() })),
  }),
  'order.delivered': z.object({ ...orderRef, deliveryId: idSchema, deliveredAt: isoDateSchema }),

  /** `previousCourierId`: the courier it was taken from (a reassignment), who loses access to it. */
  'delivery.assigned': z.object({
    deliveryId: idSchema,
    ...orderRef,
    courierId: idSchema,
    previousCourierId: idSchema.optional(),
  }),
  'delivery.picked_up': z.object({ deliveryId: idSchema, ...orderRef, courierId: idSchema, pickedUpAt: isoDateSchema }),
  'delivery.location.updated': z.object({
    deliveryId: idSchema,
    courierId: idSchema,
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    accuracy: z.number().nonnegative().optional(),
    recordedAt: isoDateSchema,
  }),
  'delivery.completed': z.object({
    deliveryId: idSchema,
    ...orderRef,
    courierId: idSchema,
    completedAt: isoDateSchema,
  }),

  'auction.created': z.object({
    ...auctionState,
    ...listingRef,
    startingPrice: moneySchema,
    startsAt: isoDateSchema,
    status: z.enum(['scheduled', 'live']),
  }),
  'auction.bid.placed': z.object({
    ...auctionState,
    bidId: idSchema,
    bidderId: idSchema,
    bidderAlias: z.string(),
    price: moneySchema,
    previousLeaderId: nullableId,
    bidCount: z.number().int().positive(),
  }),
  /**
   * (1.1) The leader raised their own maximum: not a bid of the public history; `priceChanged` when it met the reserve.
   */
  'auction.max.raised': z.object({
    ...auctionState,
    bidId: idSchema,
    bidderId: idSchema,
    bidderAlias: z.string(),
    priceChanged: z.boolean(),
    bidCount: z.number().int().positive(),
  }),
  'auction.ended': z.object({
    ...auctionState,
    ...listingRef,
    title: z.string(),
    bidCount: z.number().int().nonnegative(),
    winnerId: nullableId,
    finalPrice: moneySchema.nullable(),
    /**
     * (1.1) The winner's order id when it was assigned with the end (Buy It Now); otherwise the orders module assigns
     * it.
     */
    orderId: idSchema.optional(),
  }),

  'image.moderation.request': z.object({
    mediaId: idSchema,
    ownerId: idSchema,
    contentType: z.string(),
    size: z.number().int().positive(),
    objectKey: z.string(),
  }),
  'image.moderation.result': z.object({
    mediaId: idSchema,
    verdict: z.enum(['approved', 'rejected']),
    labels: z.array(z.string()).default([]),
    moderatorId: idSchema.optional(),
  }),

  'notification.send': z.object({
    userId: idSchema,
    type: z.string().min(1),
    title: z.string().min(1),
    body: z.string(),
    data: z.record(z.string(), z.string()).default({}),
  }),

  /** (1.1) An admin's command, stored with the change it made (the outbox): the audit log follows these. */
  'admin.action': z.object({
    actorId: idSchema,
    /** `<target type>.<verb>`: `listing.approve`, `kyc.reject`, `delivery.assign`... */
    action: z.string().min(1),
    targetType: z.enum(auditTargetTypes),
    targetId: idSchema,
    reason: z.string().optional(),
  }),
} as const;

export type Topic = keyof typeof eventCatalogue;
export const topics = Object.keys(eventCatalogue) as Topic[];
export type EventPayload<T extends Topic> = z.output<(typeof eventCatalogue)[T]>;
export type EventPayloadInput<T extends Topic> = z.input<(typeof eventCatalogue)[T]>;

export function isTopic(value: string): value is Topic {
  return Object.hasOwn(eventCatalogue, value);
}
