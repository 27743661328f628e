import { DomainError } from '../../domain/shared/domain-error.js';

/** What a request sent with an Idempotency-Key may answer instead of its answer (orders and bids alike). */
export const idempotencyErrors = {
  keyReused: () =>
    new DomainError('conflict', 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with another request'),
  inProgress: () =>
    new DomainError(
      'conflict',
      'IDEMPOTENCY_IN_PROGRESS',
      'a request with this Idempotency-Key is still being handled; retry to get its answer',
    ),
};
