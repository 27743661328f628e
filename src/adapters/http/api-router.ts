import type { OpenAPIRegistry, ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { ZodType } from 'zod';
import type { AccessTokenService } from '../../application/identity/ports/access-token-service.js';
import type { Role } from '../../domain/identity/role.js';
import { idempotencyKeyHeader } from './idempotency-key-header.js';
import { problemResponse, problemSchemaFor } from './openapi/problem-responses.js';
import { authenticate, authenticateIfPresent, requireRoles } from './authentication.js';
import { requireJsonBody } from './platform/input-guards.js';
import { checkResponsesOf } from './response-conformance.js';
import type { DeclaredHeader, DeclaredResponse } from './declared-response.js';
import { assertLocationDeclared, sendLocation, type CreatedBody } from './created-location.js';
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
  /** The operation's stable camelCase name in the OpenAPI document (`placeBid`): generated clients call it so. */
  operationId: string;
  summary: string;
  /** What the summary cannot say in a line (Markdown), e.g. parameters a schema cannot name. */
  description?: string;
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
  /** The `Idempotency-Key` header the handler reads (api.md 1.1), for the OpenAPI entry. */
  idempotencyKey?: 'required' | 'optional';
  responses: Record<number, { description: string; schema?: ZodType }>;
  handler: (input: RouteInput<B, Q, P>) => Promise<Reply>;
  /**
   * Where the resource a 201 created lives, relative to /api/v1 (`resourcePath`), from the answer
   * or the request: sent as `Location`. Required on a route that answers 201.
   */
  location?: (created: CreatedBody, input: RouteInput<B, Q, P>) => string;
}

type DeclaringSpec = Pick<
  RouteSpec<unknown, unknown, unknown>,
  'auth' | 'body' | 'query' | 'params' | 'idempotencyKey' | 'responses'
>;

const location: DeclaredHeader = {
  description: "the created resource's path",
  required: true,
  schema: { type: 'string', format: 'uri-reference' },
};
const retryAfter: DeclaredHeader = {
  description: 'seconds to wait before trying again',
  required: true,
  schema: { type: 'integer', minimum: 0 },
};

/**
 * The statuses every route of its kind may answer besides its own: 500 anywhere; 401 anywhere (a
 * public route refuses an invalid token too); 403 with roles; 400 anywhere (an unknown query parameter or body
 * field is refused on every route); 413 and 415 with a body.
 */
function commonResponses(spec: DeclaringSpec): DeclaringSpec['responses'] {
  const { auth, body } = spec;
  const isPublic = auth === undefined || auth === 'optional';
  const common: DeclaringSpec['responses'] = {};
  common[400] = {
    description: 'a part of the request breaks its schema, or is unknown to it: `errors` names each',
  };
  common[401] = {
    description: isPublic
      ? 'the access token presented is invalid or expired (none at all is fine)'
      : 'no access token, or an invalid or expired one',
  };
  if (Array.isArray(auth)) common[403] = { description: `needs the role ${auth.join(' or ')}` };
  if (body) {
    common[413] = { description: 'the body is larger than 1 MB' };
    common[415] = { description: 'the body is not application/json, or its Content-Encoding is unknown' };
  }
  common[500] = { description: 'an unexpected failure: quote the request id (X-Request-Id) when reporting it' };
  return common;
}

const headersOf = (status: number): Record<string, DeclaredHeader> | undefined =>
  status === 201 ? { Location: location } : status === 429 ? { 'Retry-After': retryAfter } : undefined;

/**
 * Every status a route answers, with its body: the one declaration both its OpenAPI entry and
 * the response check of the tests (response-conformance.ts) read.
 */
export function declaredResponses(spec: DeclaringSpec): Record<string, DeclaredResponse> {
  const declared: Record<string, DeclaredResponse> = {};
  for (const [status, response] of Object.entries({ ...commonResponses(spec), ...spec.responses })) {
    const isProblem = Number(status) >= 400;
    const schema = response.schema ?? (isProblem ? problemSchemaFor(Number(status)) : undefined);
    const mediaType = isProblem ? 'application/problem+json' : 'application/json';
    const headers = headersOf(Number(status));
    declared[status] = {
      description: response.description,
      ...(schema ? { content: { mediaType, schema } } : {}),
      ...(headers ? { headers } : {}),
    };
  }
  return declared;
}

/** `auctions` of `/auctions/:id/bids`, lower-cased as Express matches paths regardless of case. */
function firstSegment(path: string): string {
  const end = path.indexOf('/', 1);
  return (end === -1 ? path.slice(1) : path.slice(1, end)).toLowerCase();
}

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/**
 * Declares a route once: Express handler, zod validation of body/query/params, authentication
 * and its OpenAPI entry all come from the same spec, so the document cannot drift from the code.
 */
export class ApiRouter {
  readonly router = Router();
  /** The routes by their path's first segment (`auctions`), so a request is matched against its own module's only. */
  private readonly groups = new Map<string, Router>();
  /**
   * With `checkResponses` (NODE_ENV=test): matches each request to its declared route and checks
   * the answer against the route's declaration (response-conformance.ts); mounted before the body
   * parser. Absent otherwise: nothing is checked in production.
   */
  readonly responseChecks: Router | undefined;
  private readonly operationIds = new Set<string>();

  constructor(
    private readonly registry: OpenAPIRegistry,
    private readonly tokens: AccessTokenService,
    options: { checkResponses?: boolean } = {},
  ) {
    this.responseChecks = options.checkResponses ? Router() : undefined;
    // Express tries a router's routes one after another: with every route in one router, a request for the last
    // module's route was matched against all the others first. Paths and params stay whole (no mount).
    this.router.use((req, res, next) => {
      const group = this.groups.get(firstSegment(req.path));
      if (group) group(req, res, next);
      else next();
    });
  }

  route<B = undefined, Q = undefined, P = undefined>(spec: RouteSpec<B, Q, P>): void {
    this.document(spec);
    const route = `${spec.method.toUpperCase()} ${spec.path}`;
    assertLocationDeclared(route, Object.keys(spec.responses).map(Number), spec.location);
    this.responseChecks?.[spec.method](spec.path, checkResponsesOf(route, declaredResponses(spec)));
    const guards = [...this.guards(spec.auth), ...(spec.body ? [requireJsonBody] : [])];
    this.groupOf(spec.path)[spec.method](
      spec.path,
      ...guards,
      ...(spec.before ?? []),
      async (req: Request, res: Response) => {
        const input = parseRequest(req, spec);
        const reply = await spec.handler(input);
        if (reply.status === 201 && spec.location)
          sendLocation(req, res, spec.location(reply.body as CreatedBody, input));
        for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
        if (reply.body === undefined) res.status(reply.status).end();
        else res.status(reply.status).json(reply.body);
      },
    );
  }

  private groupOf(path: string): Router {
    const segment = firstSegment(path);
    if (!/^[a-z0-9-]+$/.test(segment)) throw new Error(`route ${path}: its first segment must be a literal`);
    let group = this.groups.get(segment);
    if (!group) this.groups.set(segment, (group = Router()));
    return group;
  }

  private guards(auth: RouteSpec<unknown, unknown, unknown>['auth']): RequestHandler[] {
    // A public route still refuses an invalid or expired token (401); only a missing one is fine.
    if (auth === undefined || auth === 'optional') return [authenticateIfPresent(this.tokens)];
    return [authenticate(this.tokens), ...(auth === true ? [] : [requireRoles(auth)])];
  }

  private document<B, Q, P>(spec: RouteSpec<B, Q, P>): void {
    if (this.operationIds.has(spec.operationId)) throw new Error(`operationId ${spec.operationId} is declared twice`);
    this.operationIds.add(spec.operationId);
    const responses: RouteConfig['responses'] = {};
    for (const [status, { description, content, headers }] of Object.entries(declaredResponses(spec))) {
      // A problem is the shared response of its status (its codes listed there), described for this route.
      const shared = Number(status) >= 400 && !spec.responses[Number(status)]?.schema;
      responses[status] = shared
        ? problemResponse(this.registry, Number(status), description)
        : {
            description,
            ...(headers ? { headers: headers as NonNullable<ResponseConfig['headers']> } : {}),
            ...(content ? { content: { [content.mediaType]: { schema: content.schema } } } : {}),
          };
    }
    this.registry.registerPath({
      method: spec.method,
      path: toOpenApiPath(spec.path),
      operationId: spec.operationId,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: [spec.tag],
      // `[]`: public; `[{}, bearer]`: public, a token identifies the viewer.
      security: !spec.auth ? [] : spec.auth === 'optional' ? [{}, { bearer: [] }] : [{ bearer: [] }],
      request: {
        ...(spec.body
          ? {
              body: {
                content: { 'application/json': { schema: spec.body } },
                required: !spec.body.safeParse(undefined).success,
              },
            }
          : {}),
        ...(spec.query ? { query: spec.query as never } : {}),
        ...(spec.params ? { params: spec.params as never } : {}),
        ...(spec.idempotencyKey ? { headers: idempotencyKeyHeader(spec.idempotencyKey) } : {}),
      },
      responses,
    });
  }
}
