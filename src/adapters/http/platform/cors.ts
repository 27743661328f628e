import cors from 'cors';
import type { RequestHandler } from 'express';
import { allowsOrigin, type AllowedOrigins } from '../../platform/allowed-origins.js';
import { fixedHeaders } from './fixed-headers.js';

/** What a browser may send and read across origins (api.md 1.1, CORS). */
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'];
const EXPOSED_HEADERS = ['Location', 'Retry-After', 'X-Request-Id'];
/** Every method a route of the API answers. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** How long a browser may reuse a preflight's answer. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

const isPreflight = (method: string, headers: Record<string, unknown>) =>
  method === 'OPTIONS' && headers.origin !== undefined && headers['access-control-request-method'] !== undefined;

/**
 * CORS for every route (the API, the documents, health): an allowed origin gets the CORS headers
 * and its preflight a 204; another origin gets none (its preflight a bare 204 the browser refuses).
 * With a list, answers vary by `Origin`, so that caches keep one answer per origin.
 */
export function corsPolicy(allowed: AllowedOrigins): RequestHandler {
  const serve = cors({
    origin: allowed === '*' ? '*' : [...allowed],
    methods: METHODS,
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
  });
  // Any origin: the same headers on every request but a preflight.
  const anyOrigin = allowed === '*' ? fixedHeaders(serve) : undefined;
  return (req, res, next) => {
    if (anyOrigin && req.method !== 'OPTIONS') {
      anyOrigin(req, res, next);
      return;
    }
    if (allowed === '*' || (req.headers.origin !== undefined && allowsOrigin(allowed, req.headers.origin))) {
      serve(req, res, next);
      return;
    }
    res.vary('Origin');
    if (isPreflight(req.method, req.headers)) res.status(204).end();
    else next();
  };
}
