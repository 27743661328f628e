import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { ZodType } from 'zod';
import { codesWithStatus, errorCodeTable, type ErrorCodeName } from '../error-codes.js';
import { problemSchema } from './document.js';
import { z } from './zod-openapi.js';

/** The shared problem response of each status, by its component name (`#/components/responses/<name>`). */
const responseNames: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  402: 'PaymentRequired',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'ContentTooLarge',
  415: 'UnsupportedMediaType',
  422: 'UnprocessableContent',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  503: 'ServiceUnavailable',
};

const fieldErrors = z
  .array(z.object({ path: z.string(), message: z.string() }))
  .describe('each refused part of the request by its path: body.<field>, query.<name>, params.<name>, headers.<name>');

/** `- CODE: meaning (extra: a, b)` for each code, the list a client reads next to the enum. */
function codeList(codes: ErrorCodeName[]): string {
  return codes
    .map((code) => {
      const { meaning, extra } = errorCodeTable[code];
      const members = Object.keys(extra ?? {});
      return `- \`${code}\`: ${meaning}${members.length ? ` (with ${members.map((m) => `\`${m}\``).join(', ')})` : ''}`;
    })
    .join('\n');
}

/** The extra members of the codes of one status: required when every code carries one, optional otherwise. */
function extraMembers(codes: ErrorCodeName[]): Record<string, ZodType> {
  const members: Record<string, ZodType> = {};
  for (const code of codes)
    for (const [name, schema] of Object.entries(errorCodeTable[code].extra ?? {})) {
      members[name] ??= schema;
    }
  const carriedByAll = (name: string) =>
    codes.every((code) => {
      const schema = errorCodeTable[code].extra?.[name];
      return schema !== undefined && !schema.safeParse(undefined).success;
    });
  return Object.fromEntries(
    Object.entries(members).map(([name, schema]) => [name, carriedByAll(name) ? schema : schema.optional()]),
  );
}

const schemas = new Map<number, ZodType>();

/** The problem body of `status`: `code` one of the registry's codes of that status, with their extra members. */
export function problemSchemaFor(status: number): ZodType {
  const known = schemas.get(status);
  if (known) return known;
  const codes = codesWithStatus(status);
  const name = responseNames[status];
  if (!name || codes.length === 0) throw new Error(`no error code of error-codes.ts answers status ${status}`);
  const schema = problemSchema
    .extend({
      status: z.literal(status),
      code: z.enum(codes).describe(`The codes answered with ${status}:\n${codeList(codes)}`),
      ...(status === 400 ? { errors: fieldErrors } : {}),
      ...extraMembers(codes),
    })
    .openapi(`${name}Problem`);
  schemas.set(status, schema);
  return schema;
}

const retryAfter = {
  description: 'seconds to wait before trying again',
  required: true,
  schema: { type: 'integer' as const, minimum: 0 },
};

const registered = new WeakMap<OpenAPIRegistry, Set<number>>();

/**
 * A reference to the shared response of `status` (`#/components/responses/NotFound`), registered
 * in `registry` on first use so that the document holds only the responses its operations use.
 * `description` says what the status means for one operation.
 */
export function problemResponse(registry: OpenAPIRegistry, status: number, description?: string) {
  const done = registered.get(registry) ?? new Set<number>();
  registered.set(registry, done);
  const schema = problemSchemaFor(status);
  const name = responseNames[status] as string;
  if (!done.has(status)) {
    done.add(status);
    registry.register(`${name}Problem`, schema);
    registry.registerComponent('responses', name, {
      description: `${name.replace(/(?<=[a-z])(?=[A-Z])/g, ' ')}: a problem whose \`code\` says why`,
      ...(status === 429 ? { headers: { 'Retry-After': retryAfter } } : {}),
      content: { 'application/problem+json': { schema: { $ref: `#/components/schemas/${name}Problem` } } },
    });
  }
  return { $ref: `#/components/responses/${name}`, ...(description ? { description } : {}) };
}
