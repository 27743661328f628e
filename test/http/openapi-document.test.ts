import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codesWithStatus } from '../../src/adapters/http/error-codes.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  description?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: unknown;
  responses: Record<string, { $ref?: string; headers?: Record<string, { required?: boolean }> }>;
}

interface OpenApiDocument {
  info: { license?: { name: string; url?: string }; contact?: { email?: string; url?: string } };
  paths: Record<string, Record<string, Operation>>;
  components: {
    responses: Record<
      string,
      { headers?: Record<string, unknown>; content: Record<string, { schema: { $ref: string } }> }
    >;
    schemas: Record<string, { allOf?: { properties?: Record<string, { enum?: unknown[] }> }[] }>;
  };
}

/** Every member of a schema in the document whose name says it is an instant, with its path. */
function timestampMembers(node: unknown, path = '#'): [string, Record<string, unknown>][] {
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => {
    const here = `${path}/${key}`;
    const isSchema = value && typeof value === 'object' && ('type' in value || 'anyOf' in value);
    const own: [string, Record<string, unknown>][] =
      isSchema && /(At|^at|Until|^payBy)$/.test(key) ? [[here, value as Record<string, unknown>]] : [];
    return [...own, ...timestampMembers(value, here)];
  });
}

describe('GET /openapi.json: a contract clients can generate code from', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let operations: [string, Operation][];
  beforeAll(async () => {
    t = await createTestApp();
    doc = (await request(t.app).get('/openapi.json')).body;
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]),
    );
  });
  afterAll(() => t.close());

  it('names every operation with a unique camelCase operationId', () => {
    expect(operations.length).toBeGreaterThan(50);
    const ids = operations.map(([route, op]) => op.operationId ?? `none on ${route}`);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths['/auctions/{id}/bids']?.post?.operationId).toBe('placeBid');
    expect(doc.paths['/orders/{id}/pay']?.post?.operationId).toBe('payOrder');
  });

  it('declares security on every operation: [] when public, bearer otherwise', () => {
    for (const [route, op] of operations) expect(op.security, route).toBeDefined();
    expect(doc.paths['/auth/login']?.post?.security).toEqual([]);
    expect(doc.paths['/listings']?.get?.security).toEqual([]);
    expect(doc.paths['/listings/{id}']?.get?.security).toEqual([{}, { bearer: [] }]);
    expect(doc.paths['/orders']?.post?.security).toEqual([{ bearer: [] }]);
  });

  it('declares on every operation the shared problems it can answer: 500 and 401 everywhere, 400/413/415 with a body', () => {
    for (const [route, op] of operations) {
      expect(op.responses['500']?.$ref, route).toBe('#/components/responses/InternalServerError');
      expect(op.responses['401']?.$ref, route).toBe('#/components/responses/Unauthorized');
      if (op.requestBody)
        for (const status of ['400', '413', '415'])
          expect(op.responses[status]?.$ref, `${route} ${status}`).toBeDefined();
    }
    expect(doc.paths['/admin/users']?.get?.responses['403']?.$ref).toBe('#/components/responses/Forbidden');
    expect(doc.paths['/categories/{id}']?.get?.responses['404']?.$ref).toBe('#/components/responses/NotFound');
  });

  it("lists each status's codes (the error-code registry) and their extra members in its problem schema", () => {
    const schemaOf = (response: string) => {
      const ref = doc.components.responses[response]!.content['application/problem+json']!.schema.$ref;
      return doc.components.schemas[ref.replace('#/components/schemas/', '')]!.allOf![1]!.properties!;
    };
    expect(schemaOf('Conflict').code!.enum).toEqual(codesWithStatus(409));
    expect(schemaOf('Conflict')).toHaveProperty('available');
    expect(schemaOf('Conflict')).toHaveProperty('minimum');
    expect(schemaOf('Conflict')).toHaveProperty('currentPrice');
    expect(schemaOf('NotFound').code!.enum).toContain('CATEGORY_NOT_FOUND');
    expect(schemaOf('BadRequest')).toHaveProperty('errors');
    expect(schemaOf('TooManyRequests')).toHaveProperty('retryAfter');
    expect(doc.components.responses.TooManyRequests!.headers).toHaveProperty('Retry-After');
  });

  it('declares Location on every 201 and the Idempotency-Key header where it is read', () => {
    const created = operations.filter(([, op]) => op.responses['201']);
    expect(created.length).toBeGreaterThan(5);
    for (const [route, op] of created) expect(op.responses['201']!.headers?.Location?.required, route).toBe(true);
    const key = (op: Operation | undefined) => op?.parameters?.find((p) => p.name === 'Idempotency-Key');
    expect(key(doc.paths['/orders']?.post)).toMatchObject({ in: 'header', required: true });
    expect(key(doc.paths['/orders/{id}/pay']?.post)).toMatchObject({ in: 'header', required: false });
    expect(key(doc.paths['/auctions/{id}/bids']?.post)).toMatchObject({ in: 'header', required: false });
  });

  it('gives every timestamp format date-time', () => {
    const members = timestampMembers(doc);
    expect(members.length).toBeGreaterThan(20);
    for (const [path, schema] of members) expect(JSON.stringify(schema), path).toContain('"format":"date-time"');
  });

  it("describes the search's attr.<key> parameters, and names its license and contact", () => {
    expect(doc.paths['/listings']?.get?.description).toContain('attr.<key>.min');
    expect(doc.info.license?.name).toBeTruthy();
    expect(doc.info.license?.url).toMatch(/^https:/);
    expect(doc.info.contact?.email).toMatch(/@/);
  });
});
