import { cancelReasons, orderStatuses } from '../../../domain/orders/order.js';
import { moneySchema, pageQuery, timestamp } from '../shared/schemas.js';
import { z } from '../openapi/zod-openapi.js';

const shippingAddress = z
  .object({
    name: z.string().trim().min(1).max(120),
    line1: z.string().trim().min(1).max(200),
    line2: z.string().trim().max(200).optional(),
    city: z.string().trim().min(1).max(100),
    postalCode: z.string().trim().min(1).max(20),
    country: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code'),
  })
  .openapi('ShippingAddress');

export const createOrderBody = z.object({ shippingAddress }).openapi('CreateOrderRequest');
export const payOrderBody = z
  .object({
    paymentMethod: z.enum(['test_card', 'test_card_declined']),
    shippingAddress: shippingAddress.optional().describe("required when the order has none (an auction's order)"),
  })
  .openapi('PayOrderRequest');
export const orderIdParams = z.object({ id: z.string().min(1).max(128) });
export const listOrdersQuery = pageQuery.extend({
  role: z
    .enum(['buyer', 'seller', 'courier'])
    .default('buyer')
    .describe('buyer: your orders; seller: orders with your listings; courier: orders of your deliveries'),
});
export const adminOrdersQuery = pageQuery.extend({
  status: z.enum(orderStatuses).optional(),
  buyerId: z.string().min(1).max(128).optional(),
  sellerId: z.string().min(1).max(128).optional().describe('orders with at least one item of this seller'),
});
export const idempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{8,128}$/, 'expected 8 to 128 letters, digits, . _ : or -');

const paymentSchema = z.object({ id: z.string(), amount: moneySchema, paidAt: timestamp }).openapi('OrderPayment');
const refundSchema = z.object({ id: z.string(), amount: moneySchema, refundedAt: timestamp }).openapi('OrderRefund');

export const orderSchema = z
  .object({
    id: z.string(),
    buyerId: z.string(),
    items: z.array(
      z.object({
        listingId: z.string(),
        sellerId: z.string(),
        title: z.string(),
        unitPrice: moneySchema,
        quantity: z.number().int(),
      }),
    ),
    total: moneySchema,
    status: z.enum(orderStatuses),
    shippingAddress: shippingAddress.optional().describe("absent on an auction's order until paid"),
    auctionId: z.string().optional(),
    secondChanceOf: z
      .string()
      .optional()
      .describe('a second-chance offer of an auction: the id of the order whose buyer did not pay in time'),
    deliveryId: z.string().optional(),
    createdAt: timestamp,
    payBy: timestamp
      .optional()
      .describe(
        '(1.1) while pending_payment: the deadline; unpaid then, the server cancels the order (cancelReason ' +
          'payment_timeout)',
      ),
    paidAt: timestamp.optional(),
    payment: paymentSchema.optional().describe('(1.1) once paid'),
    cancelledAt: timestamp.optional(),
    cancelReason: z.enum(cancelReasons).optional().describe('(1.1) buyer, admin, or payment_timeout'),
    refund: refundSchema.optional().describe('(1.1) when it was paid, then cancelled: its whole total back'),
  })
  .openapi('Order');
export const orderPageSchema = z
  .object({ items: z.array(orderSchema), nextCursor: z.string().nullable() })
  .openapi('OrderPage');
