import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { RedisStore } from 'rate-limit-redis';
import { problem, sendProblem } from '../problem.js';

/** One limit: at most `limit` counted requests per key within each window of `windowSeconds`. */
export interface LimitSpec {
  /** Names the limit's counters (its Redis keys are `<prefix>rate:<name>:<key>`). */
  name: string;
  limit: number;
  windowSeconds: number;
  /** Whose requests count together, e.g. the client IP or the caller. */
  key: (req: Request) => string;
  /** Counts only the requests whose answer this accepts (a login's 401); every request when absent. */
  counts?: (res: Response) => boolean;
  /** Forgets the key's count once an answer passes this (a successful login clears its failures). */
  resetsOn?: (res: Response) => boolean;
  /** The 429 problem: its code and what was limited. */
  code: string;
  what: string;
}

/** Where the counts live: Redis (shared by every instance) when given, process memory otherwise. */
export interface RateLimitBackend {
  redis?: { client: Redis; prefix: string };
}

/** The client's address as counted: `req.ip` (see TRUST_PROXY), an IPv6 address by its /56 network. */
export const clientAddress = (req: Request): string => ipKeyGenerator(req.ip ?? 'unknown');

function storeFor(name: string, backend: RateLimitBackend): Store | undefined {
  const redis = backend.redis;
  if (!redis) return undefined; // express-rate-limit's MemoryStore
  return new RedisStore({
    prefix: `${redis.prefix}rate:${name}:`,
    sendCommand: (command: string, ...args: string[]) => redis.client.call(command, ...args) as never,
  });
}

function retryAfterSeconds(req: Request): number {
  const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  return Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now()) - Date.now()) / 1000));
}

/**
 * The one rate-limit mechanism of the API (express-rate-limit, fixed windows): over the limit, 429
 * problem+json with the spec's code and `Retry-After` (seconds until the window ends).
 */
export function rateLimiter(spec: LimitSpec, backend: RateLimitBackend): RequestHandler {
  const store = storeFor(spec.name, backend);
  const limiter = rateLimit({
    windowMs: spec.windowSeconds * 1000,
    limit: spec.limit,
    keyGenerator: spec.key,
    ...(spec.counts
      ? { skipSuccessfulRequests: true, requestWasSuccessful: (_req: Request, res: Response) => !spec.counts!(res) }
      : {}),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(store ? { store } : {}),
    handler: (req, res) => {
      const retryAfter = retryAfterSeconds(req);
      res.setHeader('Retry-After', String(retryAfter));
      sendProblem(res, problem(429, spec.code, `too many ${spec.what}; try again in ${retryAfter} s`, { retryAfter }));
    },
  });
  const resetsOn = spec.resetsOn;
  if (!resetsOn) return limiter;
  return (req, res, next) =>
    limiter(req, res, (error?: unknown) => {
      // Registered after the limiter's own finish listener, so a reset follows its decrement.
      res.on('finish', () => {
        if (!resetsOn(res)) return;
        void Promise.resolve(limiter.resetKey(spec.key(req))).catch((err: unknown) =>
          req.log.warn({ err, limit: spec.name }, 'rate limit reset failed'),
        );
      });
      next(error);
    });
}
