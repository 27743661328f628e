import { DomainError } from '../../src/domain/shared/domain-error.js';

/** The stable code of the DomainError `fn` throws: 'ok' when it throws nothing. */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a domain error';
  }
}
