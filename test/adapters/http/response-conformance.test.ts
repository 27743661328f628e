import express from 'express';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiRouter, type RouteSpec } from '../../../src/adapters/http/api-router.js';
import type { DeclaredResponse } from '../../../src/adapters/http/declared-response.js';
import { createRegistry } from '../../../src/adapters/http/openapi/document.js';
import { z } from '../../../src/adapters/http/openapi/zod-openapi.js';
import { errorHandler } from '../../../src/adapters/http/platform/error-handling.js';
import { problemSchema } from '../../../src/adapters/http/openapi/document.js';
import { problem } from '../../../src/adapters/http/problem.js';
import { responseProblems, takeResponseViolations } from '../../../src/adapters/http/response-conformance.js';
import type { AccessTokenService } from '../../../src/application/identity/ports/access-token-service.js';
import { DomainError } from '../../../src/domain/shared/domain-error.js';

const thing = z.object({ id: z.string(), at: z.iso.datetime() });
const json = 'application/json; charset=utf-8';
const problemJson = 'application/problem+json; charset=utf-8';
const declared: Record<string, DeclaredResponse> = {
  201: {
    description: 'created',
    content: { mediaType: 'application/json', schema: thing },
    headers: { Location: { description: 'where', required: true, schema: { type: 'string' } } },
  },
  204: { description: 'nothing' },
  409: { description: 'taken', content: { mediaType: 'application/problem+json', schema: problemSchema } },
  429: {
    description: 'slow down',
    content: { mediaType: 'application/problem+json', schema: problemSchema },
    headers: { 'Retry-After': { description: 'seconds', required: true, schema: { type: 'integer' } } },
  },
};
const created = { id: 'a', at: '2026-01-01T00:00:00.000Z' };
const taken = problem(409, 'EMAIL_TAKEN', 'already taken');
const slowDown = problem(429, 'RATE_LIMITED', 'slow down');

describe('an answer checked against its route declaration', () => {
  it.each([
    [
      'a declared status, its headers and a body its schema accepts',
      { status: 201, contentType: json, body: created, headers: { location: '/things/a' } },
    ],
    ['a declared problem', { status: 409, contentType: problemJson, body: taken }],
    ['a declared status without a body', { status: 204 }],
    [
      'a declared integer header',
      { status: 429, contentType: problemJson, body: slowDown, headers: { 'retry-after': '3' } },
    ],
  ])('%s conforms', (_name, answer) => {
    expect(responseProblems(declared, answer)).toEqual([]);
  });

  it.each([
    [
      'an undeclared status',
      { status: 400, contentType: problemJson, body: problem(400, 'X', 'x') },
      ['status 400 is not declared (declared: 201, 204, 409, 429)'],
    ],
    [
      'a body that misses a field and breaks a format',
      { status: 201, contentType: json, body: { at: 'yesterday' }, headers: { location: '/x' } },
      ['body.id: Invalid input: expected string, received undefined', 'body.at: Invalid ISO datetime'],
    ],
    [
      'a body of the wrong media type',
      { status: 409, contentType: json, body: taken },
      [`Content-Type ${json}, declared application/problem+json`],
    ],
    [
      'a body on a status that declares none',
      { status: 204, contentType: json, body: {} },
      ['status 204 declares no body, but one was sent'],
    ],
    [
      'no body on a status that declares one',
      { status: 409 },
      ['status 409 declares a application/problem+json body, none was sent'],
    ],
    [
      'a required header missing',
      { status: 201, contentType: json, body: created, headers: {} },
      ['header Location is declared required, none was sent'],
    ],
    [
      'a header of the wrong type',
      { status: 429, contentType: problemJson, body: slowDown, headers: { 'retry-after': 'soon' } },
      ['header Retry-After: soon is not an integer'],
    ],
  ])('%s is a violation naming it', (_name, answer, problems) => {
    expect(responseProblems(declared, answer)).toEqual(problems);
  });
});

const noTokens = {
  verify: () => {
    throw new Error('no token expected');
  },
} as unknown as AccessTokenService;

type Reply = () => Promise<{ status: number; body?: unknown }>;

/** One route whose handler answers what the test says, on an app wired like the real one (checks before the parser). */
function appWith(reply: Reply, options: { checkResponses?: boolean; withBody?: boolean } = {}) {
  const api = new ApiRouter(createRegistry(), noTokens, { checkResponses: options.checkResponses ?? true });
  const spec: RouteSpec<{ name: string } | undefined, undefined, undefined> = {
    method: 'post',
    path: '/things',
    operationId: 'createThing',
    summary: 'create a thing',
    tag: 'Test',
    ...(options.withBody === false ? {} : { body: z.object({ name: z.string() }) }),
    responses: { 201: { description: 'created', schema: thing } },
    location: () => '/things/t1',
    handler: reply,
  };
  api.route(spec);
  const app = express();
  if (api.responseChecks) app.use('/api', api.responseChecks);
  app.use(express.json({ limit: 100 }));
  app.use('/api', api.router);
  app.use(errorHandler);
  return app;
}

const post = (app: express.Express) => request(app).post('/api/things').send({ name: 'a' });

describe('with checkResponses (NODE_ENV=test) the router checks each answer of a declared route', () => {
  afterEach(() => {
    takeResponseViolations(); // the violations below are made on purpose
  });

  it('lets a conforming answer through untouched, and records nothing', async () => {
    const res = await post(appWith(async () => ({ status: 201, body: created })));
    expect(res.status).toBe(201);
    expect(res.body).toEqual(created);
    expect(res.headers.location).toBe('/api/things/t1');
    expect(takeResponseViolations()).toEqual([]);
  });

  it('turns an undeclared status into a 500 naming it, and records the violation', async () => {
    const res = await post(
      appWith(async () => {
        throw new DomainError('conflict', 'EMAIL_TAKEN', 'taken');
      }),
    );
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ code: 'RESPONSE_NOT_AS_DECLARED', route: 'POST /things' });
    expect(res.body.detail).toMatch(/^POST \/things answered 409: status 409 is not declared \(declared: 201, 400, /);
    expect(takeResponseViolations()).toEqual([
      { route: 'POST /things', status: 409, problems: [expect.stringMatching(/^status 409 is not declared/)] },
    ]);
  });

  it('turns a body that breaks its schema into a 500 naming the field', async () => {
    const res = await post(appWith(async () => ({ status: 201, body: { id: 't1' } })));
    expect(res.status).toBe(500);
    expect(res.body.problems).toEqual(['body.at: Invalid input: expected string, received undefined']);
    expect(takeResponseViolations()).toHaveLength(1);
  });

  it('checks the answers of the middleware before the route too (the body parser)', async () => {
    const withBody = appWith(async () => ({ status: 201, body: created }));
    const tooLarge = await request(withBody)
      .post('/api/things')
      .send({ name: 'a'.repeat(200) });
    expect(tooLarge.status).toBe(413);
    const malformed = await request(withBody).post('/api/things').set('Content-Type', 'application/json').send('{');
    expect(malformed.status).toBe(400);
    expect(takeResponseViolations()).toEqual([]);
    // A route without a body declares no 413: the parser's answer is caught.
    const withoutBody = appWith(async () => ({ status: 201, body: created }), { withBody: false });
    expect(
      (
        await request(withoutBody)
          .post('/api/things')
          .send({ name: 'a'.repeat(200) })
      ).status,
    ).toBe(500);
    expect(takeResponseViolations()).toEqual([
      expect.objectContaining({ status: 413, problems: [expect.stringMatching(/^status 413 is not declared/)] }),
    ]);
  });

  it('checks nothing when off (production)', async () => {
    const res = await post(appWith(async () => ({ status: 418, body: { anything: true } }), { checkResponses: false }));
    expect(res.status).toBe(418);
    expect(takeResponseViolations()).toEqual([]);
  });
});
