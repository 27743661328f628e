import { problem, type Problem } from './problem.js';

/** A part of the request that breaks its route's rules, by its path: `body.price.amount`, `headers.idempotency-key`. */
export interface RequestFieldError {
  path: string;
  message: string;
}

/**
 * The request itself is malformed (its schema, its query parameters, its headers): the HTTP
 * adapter's own 400 VALIDATION_FAILED, naming request paths, which a DomainError never does.
 */
export class InvalidRequest extends Error {
  constructor(readonly errors: RequestFieldError[]) {
    super(`invalid request: ${errors.map((e) => e.path).join(', ')}`);
    this.name = 'InvalidRequest';
  }

  toProblem(): Problem {
    return problem(400, 'VALIDATION_FAILED', this.message, { errors: this.errors });
  }
}
