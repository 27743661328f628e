import type { Request, RequestHandler } from 'express';
import { problem, sendProblem } from '../problem.js';

/**
 * 400 `MALFORMED_URL` (naming `path`) when the path holds a malformed percent-encoding such as
 * `%E0%A4%A`, wherever it is, instead of the router's decoding error.
 */
export const rejectMalformedPath: RequestHandler = (req, res, next) => {
  try {
    decodeURIComponent(req.path);
  } catch {
    const errors = [{ path: 'path', message: 'malformed percent-encoding' }];
    sendProblem(res, problem(400, 'MALFORMED_URL', 'the request path holds a malformed percent-encoding', { errors }));
    return;
  }
  next();
};

function carriesBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** 415 `UNSUPPORTED_MEDIA_TYPE` on a route that reads JSON when a non-empty body is not `application/json`. */
export const requireJsonBody: RequestHandler = (req, res, next) => {
  if (carriesBody(req) && !req.is('application/json')) {
    const type = req.headers['content-type'] ?? 'none';
    sendProblem(
      res,
      problem(415, 'UNSUPPORTED_MEDIA_TYPE', `expected an application/json body, got Content-Type ${type}`),
    );
    return;
  }
  next();
};
