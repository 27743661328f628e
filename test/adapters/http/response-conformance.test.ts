import express from 'express';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiRouter, declaredResponses, type RouteSpec } from '../../../src/adapters/http/api-router.js';
import { createRegistry } from '../../../src/adapters/http/openapi/document.js';
import { z } from '../../../src/adapters/http/openapi/zod-openapi.js';
import { errorHandler } from '../../../src/adapters/http/platform/error-handling.js';
import { problem } from '../../../src/adapters/http/problem.js';
import { responseProblems, takeResponseViolations } from '../../../src/adapters/http/response-conformance.js';
import type { AccessTokenService } from '../../../src/application/identity/ports/access-token-service.js';
import { DomainError } from '../../../src/domain/shared/domain-error.js';

const thing = z.object({ id: z.string(), at: z.iso.datetime() });
const declared = declaredResponses({
  body: z.object({ name: z.string() }),
  responses: {
    201: { description: 'created', schema: thing },
    204: { description: 'nothing' },
    409: { description: 'taken' },
  },
});
const problemBody = problem(409, 'TAKEN', 'already taken');
const json = 'application/json; charset=utf-8';
const problemJson = 'application/problem+json; charset=utf-8';

describe('the answer checked against its route declaration', () => {
  it.each([
    [
      'a declared status with a body its schema accepts',
      { status: 201, contentType: json, body: { id: 'a', at: '2026-01-01T00:00:00.000Z' } },
    ],
    ['a declared problem', { status: 409, contentType: problemJson, body: problemBody }],
    ['a declared status without a body', { status: 204 }],
    [
      'the 415 every route with a body declares',
      { status: 415, contentType: problemJson, body: problem(415, 'X', 'x') },
    ],
  ])('%s conforms', (_name, answer) => {
    expect(responseProblems(declared, answer)).toEqual([]);
  });

  it.each([
    [
      'an undeclared status',
      { status: 400, contentType: problemJson, body: problem(400, 'X', 'x') },
      ['status 400 is not declared (declared: 201, 204, 409, 415)'],
    ],
    [
      'a body that misses a field and breaks a format',
      { status: 201, contentType: json, body: { at: 'yesterday' } },
      ['body.id: Invalid input: expected string, received undefined', 'body.at: Invalid ISO datetime'],
    ],
    [
      'a body of the wrong media type',
      { status: 409, contentType: json, body: problemBody },
      [`Content-Type ${json}, declared application/problem+json`],
    ],
    [
      'a body on a status that declares none',
      { status: 204, contentType: json, body: {} },
      ['status 204 declares no body, but one was sent'],
    ],
    [
      'no body on a status that declares one',
      { status: 201 },
      ['status 201 declares a application/json body, none was sent'],
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

/** One route whose handler answers whatever the test asks, on an app wired like the real one. */
function appWith(reply: () => Promise<{ status: number; body?: unknown }>, checkResponses = true) {
  const api = new ApiRouter(createRegistry(), noTokens, { checkResponses });
  const spec: RouteSpec<{ name: string }, undefined, undefined> = {
    method: 'post',
    path: '/things',
    operationId: 'createThing',
    summary: 'create a thing',
    tag: 'Test',
    body: z.object({ name: z.string() }),
    responses: { 201: { description: 'created', schema: thing }, 400: { description: 'bad' } },
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

describe('the router checks each answer of a declared route when checkResponses is on (NODE_ENV=test)', () => {
  afterEach(() => {
    takeResponseViolations(); // the violations below are made on purpose
  });

  it('lets a conforming answer through untouched, and records nothing', async () => {
    const body = { id: 't1', at: '2026-01-01T00:00:00.000Z' };
    const res = await post(appWith(async () => ({ status: 201, body })));
    expect(res.status).toBe(201);
    expect(res.body).toEqual(body);
    expect(takeResponseViolations()).toEqual([]);
  });

  it('turns an undeclared status into a 500 naming it, and records the violation', async () => {
    const app = appWith(async () => {
      throw new DomainError('conflict', 'TAKEN', 'taken');
    });
    const res = await post(app);
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({
      code: 'RESPONSE_NOT_AS_DECLARED',
      detail: 'POST /things answered 409: status 409 is not declared (declared: 201, 400, 415)',
    });
    expect(takeResponseViolations()).toEqual([
      { route: 'POST /things', status: 409, problems: ['status 409 is not declared (declared: 201, 400, 415)'] },
    ]);
  });

  it('turns a body that breaks its schema into a 500 naming the field', async () => {
    const res = await post(appWith(async () => ({ status: 201, body: { id: 't1' } })));
    expect(res.status).toBe(500);
    expect(res.body.problems).toEqual(['body.at: Invalid input: expected string, received undefined']);
    expect(takeResponseViolations()).toHaveLength(1);
  });

  it('checks the answers of the middleware before the route too: a body too large is an undeclared 413', async () => {
    const app = appWith(async () => ({ status: 201 }));
    const res = await request(app)
      .post('/api/things')
      .send({ name: 'a'.repeat(200) });
    expect(res.status).toBe(500);
    expect(takeResponseViolations()).toEqual([
      expect.objectContaining({ status: 413, problems: [expect.stringMatching(/^status 413 is not declared/)] }),
    ]);
    const malformed = await request(app).post('/api/things').set('Content-Type', 'application/json').send('{');
    expect(malformed.status).toBe(400);
    expect(takeResponseViolations()).toEqual([]);
  });

  it('checks nothing when off (production)', async () => {
    const res = await post(appWith(async () => ({ status: 418, body: { anything: true } }), false));
    expect(res.status).toBe(418);
    expect(takeResponseViolations()).toEqual([]);
  });
});
