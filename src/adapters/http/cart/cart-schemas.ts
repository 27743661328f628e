import { moneySchema, timestamp } from '../shared/schemas.js';
import { z } from '../openapi/zod-openapi.js';

const listingId = z.string().min(1).max(128);
export const addItemBody = z
  .object({ listingId, quantity: z.number().int('expected a whole number').min(1).max(1000) })
  .openapi('AddCartItemRequest');
export const changeItemBody = z
  .object({ quantity: z.number().int('expected a whole number').min(0).max(1000) })
  .openapi('ChangeCartItemRequest');
export const listingIdParams = z.object({ listingId });

export const cartSchema = z
  .object({
    items: z.array(
      z.object({
        listingId: z.string(),
        title: z.string(),
        sellerId: z.string(),
        quantity: z.number().int(),
        unitPrice: moneySchema,
        reservedUntil: timestamp,
      }),
    ),
    // A union, not .nullable(): the OpenAPI generator drops `null` from a nullable reference.
    total: z
      .union([moneySchema, z.null()])
      .describe(
        'the sum of the lines, in the one currency of the cart; null when the cart is empty (it has no currency then)',
      ),
  })
  .openapi('Cart');
