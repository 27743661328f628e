import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { InvalidRequest } from '../invalid-request.js';
import { problem, problemFromDomainError, sendProblem } from '../problem.js';

/** Errors body-parser raises, by its `type`. */
const bodyParserProblems: Record<string, (limit: unknown, message: string) => ReturnType<typeof problem>> = {
  'entity.too.large': (limit) =>
    problem(413, 'PAYLOAD_TOO_LARGE', `the request body is larger than ${String(limit)} bytes`),
  'entity.parse.failed': (_limit, message) =>
    problem(400, 'MALFORMED_JSON', 'the request body is not valid JSON', {
      errors: [{ path: 'body', message: `not valid JSON: ${message}` }],
    }),
  'encoding.unsupported': () => problem(415, 'UNSUPPORTED_ENCODING', 'unsupported content encoding'),
  'charset.unsupported': () => problem(415, 'UNSUPPORTED_CHARSET', 'unsupported charset'),
};

const unreadableBody = (message: string) =>
  problem(400, 'MALFORMED_BODY', 'the request body could not be read', {
    errors: [{ path: 'body', message: `unreadable (corrupt compressed data?): ${message}` }],
  });

export const notFound: RequestHandler = (req, res) => {
  sendProblem(res, problem(404, 'ROUTE_NOT_FOUND', `no route for ${req.method} ${req.path}`));
};

/** Expected failures become their problem; anything else is a 500 that shows nothing internal. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  if (res.headersSent) {
    req.log.error({ err: error }, 'error after the response started');
    res.destroy();
    return;
  }
  if (error instanceof DomainError) {
    const { retryAfter } = error.details;
    if (error.kind === 'rate_limited' && typeof retryAfter === 'number')
      res.setHeader('Retry-After', String(retryAfter));
    sendProblem(res, problemFromDomainError(error));
    return;
  }
  if (error instanceof InvalidRequest) {
    sendProblem(res, error.toProblem());
    return;
  }
  const parserError = error as { type?: string; limit?: unknown; message?: string; status?: number; expose?: boolean };
  const known = parserError.type ? bodyParserProblems[parserError.type] : undefined;
  if (known) {
    sendProblem(res, known(parserError.limit, String(parserError.message)));
    return;
  }
  if (parserError.status === 400 && parserError.expose) {
    // The body could not be read: a corrupt gzip/br/deflate stream, a length that does not match.
    sendProblem(res, unreadableBody(String(parserError.message)));
    return;
  }
  req.log.error({ err: error }, 'unexpected error');
  sendProblem(
    res,
    problem(500, 'INTERNAL_ERROR', `something went wrong; quote request id ${String(req.id)} when reporting it`),
  );
};
