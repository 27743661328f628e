import type { Request } from 'express';
import { InvalidRequest } from './invalid-request.js';
import { z } from './openapi/zod-openapi.js';
import { idempotencyKey } from './orders/order-schemas.js';

/**
 * The request's `Idempotency-Key` header (api.md 1.1: 8-128 letters, digits, `.`, `_`, `:`, `-`),
 * undefined when absent; a malformed one is 400 naming `headers.idempotency-key`.
 */
export function optionalIdempotencyKey(req: Request): string | undefined {
  const header = req.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const parsed = idempotencyKey.safeParse(header);
  if (parsed.success) return parsed.data;
  throw invalidKey(parsed.error.issues[0]?.message ?? 'invalid');
}

/** The request's `Idempotency-Key` header, where the route requires one (POST /orders, api.md 1.1). */
export function requiredIdempotencyKey(req: Request): string {
  const key = optionalIdempotencyKey(req);
  if (key !== undefined) return key;
  throw invalidKey('the Idempotency-Key header is required');
}

const invalidKey = (message: string) => new InvalidRequest([{ path: 'headers.idempotency-key', message }]);

/** The `Idempotency-Key` request header of a route's OpenAPI entry. */
export const idempotencyKeyHeader = (use: 'required' | 'optional') => {
  const header = idempotencyKey.describe(
    'the same key and body answer the first answer again and do the work once; the same key with another body ' +
      'is 409 IDEMPOTENCY_KEY_REUSED; keys live 24 h',
  );
  return z.object({ 'Idempotency-Key': use === 'required' ? header : header.optional() });
};
