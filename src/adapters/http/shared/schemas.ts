import { isKnownCurrency } from '../../../domain/shared/money.js';
import { z } from '../openapi/zod-openapi.js';

/** The schemas every module's routes share (a module's routes never import another module's). */

export const moneySchema = z
  .object({
    amount: z.number().int('expected an integer amount in minor units').nonnegative().max(1_000_000_000_00),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, { message: 'expected an ISO 4217 currency code (3 upper-case letters)', abort: true })
      .refine(isKnownCurrency, 'expected an active ISO 4217 currency code')
      .describe('an active ISO 4217 code; `amount` counts its minor units (EUR 2 decimals, JPY 0, KWD 3)'),
  })
  .openapi('Money');

/** An instant as the API answers it: ISO 8601 in UTC (`2026-12-01T10:00:00.000Z`), `format: date-time`. */
export const timestamp = z.iso.datetime();

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
});
