import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { ZodType } from 'zod';
import type { AccessTokenService } from '../../application/identity/ports/access-token-service.js';
import type { Role } from '../../domain/identity/role.js';
import { problemSchema } from './openapi/document.js';
import { authenticate, authenticateIfPresent, requireRoles } from './authentication.js';
import { requireJsonBody } from './platform/input-guards.js';
import { checkResponsesOf } from './response-conformance.js';
import { parseRequest, type RouteInput } from './validation.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteSpec<B, Q, P> {
  method: Method;
  /** Express path relative to /api/v1, e.g. `/users/:id`. */
  path: string;
  summary: string;
  tag: string;
  /**
   * `true`: any signed-in user; a role list: at least one of them; `optional`: public, but a token identifies the
   * viewer. Absent: public.
   */
  auth?: true | Role[] | 'optional';
  body?: ZodType<B>;
  query?: ZodType<Q>;
  params?: ZodType<P>;
  /** Extra middleware run before validation (e.g. a rate limiter). */
  before?: RequestHandler[];
  responses: Record<number, { description: string; schema?: ZodType }>;
  handler: (input: RouteInput<B, Q, P>) => Promise<Reply>;
}

/** A status a route answers: its description and, when it has a body, its media type and schema. */
export interface DeclaredResponse {
  description: string;
  content?: { mediaType: 'application/json' | 'application/problem+json'; schema: ZodType };
}

/**
 * Every status a route answers, with its body: the one declaration both its OpenAPI entry and
 * the response check of the tests (response-conformance.ts) read.
 */
export function declaredResponses(
  spec: Pick<RouteSpec<unknown, unknown, unknown>, 'body' | 'responses'>,
): Record<string, DeclaredResponse> {
  const unsupportedBody = spec.body
    ? { 415: { description: 'the body is not application/json, or its Content-Encoding is unknown' } }
    : {};
  const declared: Record<string, DeclaredResponse> = {};
  for (const [status, response] of Object.entries({ ...unsupportedBody, ...spec.responses })) {
    const isProblem = Number(status) >= 400;
    const schema = response.schema ?? (isProblem ? problemSchema : undefined);
    const mediaType = isProblem ? 'application/problem+json' : 'application/json';
    declared[status] = { description: response.description, ...(schema ? { content: { mediaType, schema } } : {}) };
  }
  return declared;
}

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/**
 * Declares a route once: Express handler, zod validation of body/query/params, authentication
 * and its OpenAPI entry all come from the same spec, so the document cannot drift from the code.
 */
export class ApiRouter {
  readonly router = Router();
  /**
   * With `checkResponses` (NODE_ENV=test): matches each request to its declared route and checks
   * the answer against the route's declaration (response-conformance.ts); mounted before the body
   * parser. Absent otherwise: nothing is checked in production.
   */
  readonly responseChecks: Router | undefined;

  constructor(
    private readonly registry: OpenAPIRegistry,
    private readonly tokens: AccessTokenService,
    options: { checkResponses?: boolean } = {},
  ) {
    this.responseChecks = options.checkResponses ? Router() : undefined;
  }

  route<B = undefined, Q = undefined, P = undefined>(spec: RouteSpec<B, Q, P>): void {
    this.document(spec);
    const route = `${spec.method.toUpperCase()} ${spec.path}`;
    this.responseChecks?.[spec.method](spec.path, checkResponsesOf(route, declaredResponses(spec)));
    const guards = [...this.guards(spec.auth), ...(spec.body ? [requireJsonBody] : [])];
    this.router[spec.method](spec.path, ...guards, ...(spec.before ?? []), async (req: Request, res: Response) => {
      const input = parseRequest(req, spec);
      const reply = await spec.handler(input);
      for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
      if (reply.body === undefined) res.status(reply.status).end();
      else res.status(reply.status).json(reply.body);
    });
  }

  private guards(auth: RouteSpec<unknown, unknown, unknown>['auth']): RequestHandler[] {
    // A public route still refuses an invalid or expired token (401); only a missing one is fine.
    if (auth === undefined || auth === 'optional') return [authenticateIfPresent(this.tokens)];
    return [authenticate(this.tokens), ...(auth === true ? [] : [requireRoles(auth)])];
  }

  private document<B, Q, P>(spec: RouteSpec<B, Q, P>): void {
    const responses: RouteConfig['responses'] = {};
    for (const [status, { description, content }] of Object.entries(declaredResponses(spec))) {
      responses[status] = {
        description,
        ...(content ? { content: { [content.mediaType]: { schema: content.schema } } } : {}),
      };
    }
    this.registry.registerPath({
      method: spec.method,
      path: toOpenApiPath(spec.path),
      summary: spec.summary,
      tags: [spec.tag],
      ...(spec.auth ? { security: spec.auth === 'optional' ? [{}, { bearer: [] }] : [{ bearer: [] }] } : {}),
      request: {
        ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } }, required: true } } : {}),
        ...(spec.query ? { query: spec.query as never } : {}),
        ...(spec.params ? { params: spec.params as never } : {}),
      },
      responses,
    });
  }
}
