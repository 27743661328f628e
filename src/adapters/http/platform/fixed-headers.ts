import type { IncomingMessage, OutgoingHttpHeader } from 'node:http';
import type { RequestHandler } from 'express';

type HeaderCall = ['set', string, OutgoingHttpHeader] | ['remove', string];

/** Runs the middleware once on a probe request and response, and records the headers it sets or removes. */
function headerCallsOf(middleware: RequestHandler, method: string): HeaderCall[] {
  const calls: HeaderCall[] = [];
  const probe = {
    setHeader: (name: string, value: OutgoingHttpHeader) => calls.push(['set', name, value]),
    removeHeader: (name: string) => calls.push(['remove', name]),
    getHeader: () => undefined,
  };
  let passed = false;
  const request = { method, url: '/', headers: {} } as IncomingMessage;
  middleware(request as never, probe as never, () => (passed = true));
  if (!passed) throw new Error('a fixed-headers middleware must pass every request on at once');
  return calls;
}

/**
 * The same headers as `middleware` on every request, set in one pass: for a middleware whose
 * headers depend on nothing in the request (helmet's with static directives, CORS for any origin).
 * Helmet alone chains a dozen middleware per request, each setting one header.
 */
export function fixedHeaders(middleware: RequestHandler, method = 'GET'): RequestHandler {
  const calls = headerCallsOf(middleware, method);
  return (_req, res, next) => {
    for (const call of calls) {
      if (call[0] === 'set') res.setHeader(call[1], call[2]);
      else res.removeHeader(call[1]);
    }
    next();
  };
}
