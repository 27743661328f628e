import { z } from 'zod';

export const idSchema = z.string().min(1).max(128);
export const isoDateSchema = z.iso.datetime({ offset: true });
export const moneySchema = z.object({
  amount: z.number().int().nonnegative(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code'),
});
