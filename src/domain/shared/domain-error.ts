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

/** An expected failure with a stable code (`AUTH_INVALID_CREDENTIALS`) that clients can rely on. */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
