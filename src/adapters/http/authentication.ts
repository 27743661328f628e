import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AccessTokenService } from '../../application/identity/ports/access-token-service.js';
import { identityErrors } from '../../domain/identity/errors.js';
import type { Role } from '../../domain/identity/role.js';
import { principalOf, setPrincipal } from './request-context.js';

const bearer = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

/** Reads `Authorization: Bearer <jwt>`; 401 problem when missing or invalid. */
export function authenticate(tokens: AccessTokenService): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const match = bearer.exec(req.headers.authorization ?? '');
    if (!match?.[1]) throw identityErrors.invalidToken();
    setPrincipal(req, tokens.verify(match[1]));
    next();
  };
}

/** Authenticates when a token is presented (a bad one is still 401); anonymous otherwise. */
export function authenticateIfPresent(tokens: AccessTokenService): RequestHandler {
  const strict = authenticate(tokens);
  return (req, res, next) => (req.headers.authorization ? strict(req, res, next) : next());
}

/** 403 unless the caller holds at least one of the roles. */
export function requireRoles(roles: Role[]): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!principalOf(req).roles.some((role) => roles.includes(role))) throw identityErrors.forbidden();
    next();
  };
}
