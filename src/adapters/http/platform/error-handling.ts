import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { problem, problemFromDomainError, sendProblem } from '../problem.js';

/** Errors body-parser raises, by its `type`. */
const bodyParserProblems: Record<string, (limit: unknown) => ReturnType<typeof problem>> = {
  'entity.too.large': (limit) => problem(413, 'PAYLOAD_TOO_LARGE', `the request body is larger than ${String(limit)} bytes`),
  'entity.parse.failed': () => problem(400, 'MALFORMED_JSON', 'the request body is not valid JSON'),
  'encoding.unsupported': () => problem(415, 'UNSUPPORTED_ENCODING', 'unsupported content encoding'),
  'charset.unsupported': () => problem(415, 'UNSUPPORTED_CHARSET', 'unsupported charset'),
};

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
    sendProblem(res, problemFromDomainError(error));
    return;
  }
  const parserError = error as { type?: string; limit?: unknown };
  const known = parserError.type ? bodyParserProblems[parserError.type] : undefined;
  if (known) {
    sendProblem(res, known(parserError.limit));
    return;
  }
  req.log.error({ err: error }, 'unexpected error');
  sendProblem(res, problem(500, 'INTERNAL_ERROR', `something went wrong; quote request id ${String(req.id)} when reporting it`));
};
