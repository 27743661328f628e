import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import type { Redis } from 'ioredis';
import { normalizeEmail } from '../../../domain/identity/email.js';
import { problem, sendProblem } from '../problem.js';

export interface LoginThrottleOptions {
  maxFailures: number;
  windowSeconds: number;
  /** Shared across app instances when set; in-process memory otherwise. */
  redis?: { client: Redis; prefix: string };
}

function throttleKey(req: Request): string {
  const email: unknown = req.body?.email;
  const who = typeof email === 'string' ? normalizeEmail(email) : '-';
  return `${who}|${ipKeyGenerator(req.ip ?? 'unknown')}`;
}

function redisStore(redis: NonNullable<LoginThrottleOptions['redis']>): Store {
  return new RedisStore({
    prefix: `${redis.prefix}login-throttle:`,
    sendCommand: (command: string, ...args: string[]) => redis.client.call(command, ...args) as never,
  });
}

/**
 * Counts failed logins (401 answers) per email and client IP; once `maxFailures` failed within
 * the window, further attempts get 429 with `Retry-After` until the window ends.
 */
export function loginThrottle(options: LoginThrottleOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowSeconds * 1000,
    limit: options.maxFailures,
    keyGenerator: throttleKey,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(options.redis ? { store: redisStore(options.redis) } : {}),
    handler: (req, res) => {
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfter = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now()) - Date.now()) / 1000));
      res.setHeader('Retry-After', String(retryAfter));
      sendProblem(res, problem(429, 'AUTH_TOO_MANY_ATTEMPTS', `too many failed logins; try again in ${retryAfter} s`, { retryAfter }));
    },
  });
}
