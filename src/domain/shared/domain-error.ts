/**
 * What kind of failure a domain error is. The HTTP adapter maps kinds to statuses; the domain
 * never speaks HTTP.
 */
export type ErrorKind =
  | 'invalid' // the input breaks a rule of its shape (400)
  | 'unauthenticated' // no or bad credentials (401)
  | 'forbidden' // known caller, not allowed (403)
  | 'not_found' // absent, or not the caller's to see (404)
  | 'conflict' // the current state refuses it (409)
  | 'rule' // a valid request that a business rule refuses (422)
  | 'payment_required' // the payment was declined (402)
  | 'rate_limited'; // too many attempts (429)

/**
 * One input field a rule refuses, named as the use case's input names it, never as a request
 * path: `maxPrice`, nested fields dotted (`price.currency`), items by index (`documentMediaIds.0`).
 * The field is in the command's body unless `source` says it is a list's query parameter
 * (`{ field: 'cursor', source: 'query' }`); the HTTP adapter answers `body.<field>` or
 * `query.<field>` (problem.ts `problemFromDomainError`).
 */
export interface FieldError {
  field: string;
  message: string;
  /** Where the field is: the body (default), a query parameter or a header (lower-case name). */
  source?: 'query' | 'headers';
}

/** What a domain error carries besides its code: the refused fields, and any values clients may use. */
export interface DomainErrorDetails {
  errors?: FieldError[];
  [extension: string]: unknown;
}

/**
 * An expected failure with a stable code (`AUTH_INVALID_CREDENTIALS`) that clients can rely on.
 * Each code is constructed in one place: a module's errors table (`auctionErrors.wrongCurrency`),
 * which every use of the code calls.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
