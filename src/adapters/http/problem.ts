import type { Response } from 'express';
import { DomainError, type ErrorKind, type FieldError } from '../../domain/shared/domain-error.js';

/** RFC 9457 problem details, as every error answer of the API. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

const statusByKind: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
  rate_limited: 429,
  payment_required: 402,
};

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(
  status: number,
  code: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): Problem {
  const type = `https://uty.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`;
  // Extensions never override the standard members.
  return { ...extensions, type, title: titles[status] ?? 'Error', status, detail, code };
}

/** Where a refused field sits in the request: `body.<field>`, `query.<parameter>` or `headers.<name>`. */
export function requestPath({ field, source }: FieldError): string {
  return `${source ?? 'body'}.${field}`;
}

export function problemFromDomainError(error: DomainError): Problem {
  const { errors, ...extensions } = error.details;
  const paths = errors ? { errors: errors.map((e) => ({ path: requestPath(e), message: e.message })) } : {};
  return problem(statusByKind[error.kind], error.code, error.message, { ...extensions, ...paths });
}

export function sendProblem(res: Response, body: Problem): void {
  res.status(body.status).type('application/problem+json').json(body);
}
