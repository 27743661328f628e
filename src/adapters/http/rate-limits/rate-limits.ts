import type { Request, RequestHandler } from 'express';
import { principalOf } from '../request-context.js';
import { clientAddress, rateLimiter, type RateLimitBackend } from './rate-limiter.js';

/** The API's limits (api.md 1.1), from the configuration. */
export interface RateLimitSettings {
  /** REGISTER_MAX_PER_IP: registration attempts per client address per hour. */
  registerMaxPerIp: number;
  /** LOGIN_MAX_FAILURES: failed logins per email and client address per window. */
  loginMaxFailures: number;
  /** LOGIN_MAX_FAILURES_PER_IP: failed logins per client address per window, over all emails. */
  loginMaxFailuresPerIp: number;
  /** LOGIN_WINDOW_SECONDS. */
  loginWindowSeconds: number;
  /** BID_MAX_PER_SECOND: bids per user per second. */
  bidMaxPerSecond: number;
}

/** The middleware of each limited route, bound once by the composition root. */
export interface RateLimits {
  register: RequestHandler[];
  login: RequestHandler[];
  bid: RequestHandler[];
}
export const RateLimits = Symbol.for('RateLimits');

const loginFailed = (res: { statusCode: number }) => res.statusCode === 401;

/** The identity module's rule for when two emails are the same account (e.g. case and spaces ignored). */
export type EmailKey = (email: string) => string;

const loginEmail = (req: Request, emailKey: EmailKey): string => {
  const email: unknown = req.body?.email;
  return typeof email === 'string' ? emailKey(email) : '-';
};

export function createRateLimits(
  settings: RateLimitSettings,
  backend: RateLimitBackend,
  emailKey: EmailKey,
): RateLimits {
  const limit = (spec: Parameters<typeof rateLimiter>[0]) => rateLimiter(spec, backend);
  return {
    register: [
      limit({
        name: 'register',
        limit: settings.registerMaxPerIp,
        windowSeconds: 3600,
        key: clientAddress,
        code: 'RATE_LIMITED',
        what: 'registrations from this address',
      }),
    ],
    login: [
      limit({
        name: 'login-ip',
        limit: settings.loginMaxFailuresPerIp,
        windowSeconds: settings.loginWindowSeconds,
        key: clientAddress,
        counts: loginFailed,
        code: 'RATE_LIMITED',
        what: 'failed logins from this address',
      }),
      limit({
        name: 'login',
        limit: settings.loginMaxFailures,
        windowSeconds: settings.loginWindowSeconds,
        key: (req) => `${loginEmail(req, emailKey)}|${clientAddress(req)}`,
        counts: loginFailed,
        resetsOn: (res) => res.statusCode === 200,
        code: 'AUTH_TOO_MANY_ATTEMPTS',
        what: 'failed logins for this email from this address',
      }),
    ],
    bid: [
      limit({
        name: 'bid',
        limit: settings.bidMaxPerSecond,
        windowSeconds: 1,
        key: (req) => principalOf(req).userId,
        code: 'RATE_LIMITED',
        what: 'bids',
      }),
    ],
  };
}
