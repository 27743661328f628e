import type { IdentityUseCases } from '../../../application/identity/use-cases.js';
import type { ApiRouter } from '../api-router.js';
import { presentSession } from './identity-presenter.js';
import { loginBody, refreshTokenBody, registerBody, sessionSchema } from './identity-schemas.js';
import type { RateLimits } from '../rate-limits/rate-limits.js';
import { resourcePath } from '../created-location.js';

const tag = 'Auth';

export function authRoutes(api: ApiRouter, useCases: IdentityUseCases, limits: RateLimits): void {
  api.route({
    method: 'post',
    path: '/auth/register',
    operationId: 'register',
    tag,
    summary: 'Create an account (roles buyer, seller, courier; never admin) and start a session',
    before: limits.register,
    body: registerBody,
    responses: {
      201: { description: 'created', schema: sessionSchema },
      400: { description: 'bad input' },
      409: { description: 'email taken' },
      429: { description: 'RATE_LIMITED: too many registration attempts from this address this hour (Retry-After)' },
    },
    handler: async ({ body }) => ({ status: 201, body: presentSession(await useCases.registerUser.execute(body)) }),
    // The account; a session has no address of its own.
    location: () => resourcePath('users', 'me'),
  });
  api.route({
    method: 'post',
    path: '/auth/login',
    operationId: 'login',
    tag,
    summary: 'Log in with email and password',
    before: limits.login,
    body: loginBody,
    responses: {
      200: { description: 'logged in', schema: sessionSchema },
      401: { description: 'wrong email or password' },
      429: {
        description:
          'AUTH_TOO_MANY_ATTEMPTS: too many failed logins for this email from this address; RATE_LIMITED: too many ' +
          'failed logins from this address over all emails (Retry-After)',
      },
    },
    handler: async ({ body }) => ({ status: 200, body: presentSession(await useCases.logIn.execute(body)) }),
  });
  api.route({
    method: 'post',
    path: '/auth/refresh',
    operationId: 'refreshSession',
    tag,
    summary: 'Spend a refresh token for a new pair; reusing a spent one revokes the whole login',
    body: refreshTokenBody,
    responses: {
      200: { description: 'new pair', schema: sessionSchema },
      401: { description: 'invalid, expired or reused' },
    },
    handler: async ({ body }) => ({
      status: 200,
      body: presentSession(await useCases.refreshSession.execute(body.refreshToken)),
    }),
  });
  api.route({
    method: 'post',
    path: '/auth/logout',
    operationId: 'logout',
    tag,
    summary: 'End your login the refresh token belongs to (a refresh token of another user is 401 and revokes nothing)',
    auth: true,
    body: refreshTokenBody,
    responses: {
      204: { description: 'logged out' },
      401: { description: "not signed in, or the refresh token is another user's (AUTH_INVALID_REFRESH_TOKEN)" },
    },
    handler: async ({ principal, body }) => {
      await useCases.logOut.execute(principal.userId, body.refreshToken);
      return { status: 204 };
    },
  });
}
