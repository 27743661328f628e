import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express, RequestHandler } from 'express';
import { stdSerializers } from 'pino';
import type { Logger } from '../../platform/logger.js';
import { requestId } from './request-id.js';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request id (X-Request-Id), set by requestLogging. */
    id: string;
    /** A logger binding the request (`req`: id, method, url). */
    log: Logger;
  }
}

/** The three fields of the request and the response a log line keeps (pino's standard id, method, url, statusCode). */
const serializers = {
  req: (req: IncomingMessage & { originalUrl?: string }) => ({
    id: req.id,
    method: req.method,
    url: req.originalUrl || req.url,
  }),
  res: (res: ServerResponse) => ({ statusCode: res.headersSent ? res.statusCode : null }),
  err: stdSerializers.err,
};

const requestLogger = Symbol('requestLogger');
type LoggedRequest = IncomingMessage & { [requestLogger]?: Logger };

/**
 * One log line per request, as pino-http wrote it with our serializers: `request completed` (or
 * `request aborted`) at info, `request errored` at error for a 5xx or a failed response, with
 * `req`, `res` and `responseTime` (ms). Cheaper than pino-http, which built a child logger for every
 * request: `req.log` is made on first use (the error handler's), and the line is logged with `req`
 * in it rather than bound, which pino writes the same.
 */
export function requestLogging(app: Express, logger: Logger): RequestHandler {
  const base = logger.child({}, { serializers });
  Object.defineProperty(app.request, 'log', {
    configurable: true,
    get(this: LoggedRequest): Logger {
      return (this[requestLogger] ??= base.child({ req: this }));
    },
  });
  return (req, res, next) => {
    const startedAt = Date.now();
    req.id = requestId(req, res);
    const complete = (error?: Error) => {
      res.off('close', complete);
      res.off('finish', complete);
      res.off('error', complete);
      const responseTime = Date.now() - startedAt;
      if (error || res.statusCode >= 500) {
        const err = error ?? new Error(`failed with status code ${res.statusCode}`);
        base.error({ req, res, err, responseTime }, 'request errored');
      } else {
        base.info({ req, res, responseTime }, res.writableEnded ? 'request completed' : 'request aborted');
      }
    };
    res.on('close', complete);
    res.on('finish', complete);
    res.on('error', complete);
    next();
  };
}
