import type { Request } from 'express';
import { DomainError } from '../../domain/shared/domain-error.js';
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
  const message = parsed.error.issues[0]?.message ?? 'invalid';
  const errors = [{ path: 'headers.idempotency-key', message }];
  throw new DomainError('invalid', 'VALIDATION_FAILED', 'invalid request: headers.idempotency-key', { errors });
}
