import { describe, expect, it } from 'vitest';
import { InvalidRequest } from '../../../src/adapters/http/invalid-request.js';
import { problemFromDomainError } from '../../../src/adapters/http/problem.js';
import { DomainError, type FieldError } from '../../../src/domain/shared/domain-error.js';

const invalid = (...errors: FieldError[]) =>
  problemFromDomainError(new DomainError('invalid', 'SOME_RULE', 'refused', { errors }));

describe('a domain error as problem+json: the fields it names become request paths', () => {
  it.each([
    ['a field of the body', { field: 'maxPrice', message: 'm' }, 'body.maxPrice'],
    ['a nested field', { field: 'price.currency', message: 'm' }, 'body.price.currency'],
    ['an item by its index', { field: 'documentMediaIds.0', message: 'm' }, 'body.documentMediaIds.0'],
    ['a query parameter', { field: 'cursor', source: 'query', message: 'm' }, 'query.cursor'],
    ['a header', { field: 'content-type', source: 'headers', message: 'm' }, 'headers.content-type'],
  ] as const)('%s', (_name, error, path) => {
    expect(invalid(error).errors).toEqual([{ path, message: 'm' }]);
  });

  it('keeps every field in order, its status, code and the other details', () => {
    const error = new DomainError('conflict', 'SOME_CONFLICT', 'no', {
      available: 2,
      errors: [
        { field: 'a', message: 'x' },
        { field: 'b.c', message: 'y' },
      ],
    });
    expect(problemFromDomainError(error)).toEqual({
      type: 'https://uty.dev/problems/some-conflict',
      title: 'Conflict',
      status: 409,
      detail: 'no',
      code: 'SOME_CONFLICT',
      available: 2,
      errors: [
        { path: 'body.a', message: 'x' },
        { path: 'body.b.c', message: 'y' },
      ],
    });
  });

  it('answers no errors member when the error names no field', () => {
    expect(problemFromDomainError(new DomainError('not_found', 'GONE', 'gone'))).not.toHaveProperty('errors');
  });
});

describe('an invalid request as problem+json', () => {
  it('is VALIDATION_FAILED naming the request paths as they are', () => {
    const errors = [
      { path: 'headers.idempotency-key', message: 'required' },
      { path: 'query.limit', message: 'too big' },
    ];
    expect(new InvalidRequest(errors).toProblem()).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'invalid request: headers.idempotency-key, query.limit',
      errors,
    });
  });
});
