import { DomainError } from '../../../domain/shared/domain-error.js';

/** A page of a list: `nextCursor` is opaque and null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** What every list answers for a cursor it did not give (one factory, so all lists answer alike). */
export function invalidCursor(): DomainError {
  return new DomainError('invalid', 'INVALID_CURSOR', 'the cursor is not one this list gave', {
    errors: [{ field: 'cursor', source: 'query', message: 'invalid cursor' }],
  });
}
