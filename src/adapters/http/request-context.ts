import type { Request } from 'express';
import type { Principal } from '../../application/identity/ports/access-token-service.js';
import { identityErrors } from '../../domain/identity/errors.js';

const principals = new WeakMap<Request, Principal>();

export function setPrincipal(req: Request, principal: Principal): void {
  principals.set(req, principal);
}

/** The authenticated caller; routes declared with `auth` always have one. */
export function principalOf(req: Request): Principal {
  const principal = principals.get(req);
  if (!principal) throw identityErrors.invalidToken();
  return principal;
}

/** The caller when a token was presented, on routes open to anyone. */
export function viewerOf(req: Request): Principal | undefined {
  return principals.get(req);
}
