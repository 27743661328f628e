import type { Request } from 'express';
import type { ZodType } from 'zod';
import type { Principal } from '../../application/identity/ports/access-token-service.js';
import { InvalidRequest, type RequestFieldError } from './invalid-request.js';
import { principalOf, viewerOf } from './request-context.js';
import { unknownFields } from './unknown-fields.js';

export interface RouteInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  /** The caller, on routes with `auth`. */
  principal: Principal;
  /** The caller if a token was presented (routes with `auth: 'optional'`). */
  viewer: Principal | undefined;
  req: Request;
}

interface Schemas<B, Q, P> {
  body?: ZodType<B>;
  query?: ZodType<Q>;
  params?: ZodType<P>;
  auth?: unknown;
}

function check<T>(schema: ZodType<T> | undefined, value: unknown, where: string, errors: RequestFieldError[]): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    // Keys a strict object refuses: named one by one with the other unknown fields (refuseUnknown).
    if (issue.code === 'unrecognized_keys') continue;
    errors.push({ path: [where, ...issue.path.map(String)].join('.'), message: issue.message });
  }
  return undefined as T;
}

/**
 * One rule for every route: a body field or query parameter its schema does not name is a 400
 * naming it, unless the schema declares free-form keys (search's `attr.<key>`).
 */
function refuseUnknown(
  schema: ZodType | undefined,
  value: unknown,
  where: 'body' | 'query',
  errors: RequestFieldError[],
) {
  const message = where === 'body' ? 'unknown field' : 'unknown parameter';
  for (const path of unknownFields(schema, value, where)) errors.push({ path, message });
}

/** Parses body, query and params with the route's zod schemas; 400 naming every bad field otherwise. */
export function parseRequest<B, Q, P>(req: Request, schemas: Schemas<B, Q, P>): RouteInput<B, Q, P> {
  const errors: RequestFieldError[] = [];
  const body = check(schemas.body, req.body ?? undefined, 'body', errors);
  const query = check(schemas.query, req.query, 'query', errors);
  const params = check(schemas.params, req.params, 'params', errors);
  refuseUnknown(schemas.body, req.body, 'body', errors);
  refuseUnknown(schemas.query, req.query, 'query', errors);
  if (errors.length > 0) throw new InvalidRequest(errors);
  const authenticated = schemas.auth !== undefined && schemas.auth !== 'optional';
  return {
    body,
    query,
    params,
    principal: authenticated ? principalOf(req) : (undefined as never),
    viewer: viewerOf(req),
    req,
  };
}
