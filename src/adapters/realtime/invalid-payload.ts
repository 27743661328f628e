import type { ZodError } from 'zod';
import { DomainError } from '../../domain/shared/domain-error.js';

/** A client event's payload breaks its schema: VALIDATION_FAILED, acked `{ ok: false, code, message }` with fields. */
export function invalidPayload(error: ZodError): DomainError {
  const fields = error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`);
  return new DomainError('invalid', 'VALIDATION_FAILED', fields.join('; '));
}
