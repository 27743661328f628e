import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ApiRouter, type RouteSpec } from '../../../src/adapters/http/api-router.js';
import { createRegistry } from '../../../src/adapters/http/openapi/document.js';
import { z } from '../../../src/adapters/http/openapi/zod-openapi.js';
import type { AccessTokenService } from '../../../src/application/identity/ports/access-token-service.js';

const noTokens = {} as AccessTokenService;
const echo = z.object({ route: z.string(), params: z.record(z.string(), z.string()) });

/** A route answering its own path pattern, its params and where Express says it is mounted. */
function routeAt(api: ApiRouter, method: 'get' | 'post', path: string, operationId: string): void {
  const spec: RouteSpec<undefined, undefined, Record<string, string>> = {
    method,
    path,
    operationId,
    summary: operationId,
    tag: 'Test',
    responses: { 200: { description: 'which route answered', schema: echo } },
    handler: async ({ params }) => ({ status: 200, body: { route: path, params: params ?? {} } }),
  };
  if (path.includes(':')) spec.params = z.object({ id: z.string() }) as never;
  api.route(spec);
}

function app() {
  const api = new ApiRouter(createRegistry(), noTokens);
  routeAt(api, 'get', '/things', 'listThings');
  routeAt(api, 'get', '/things/:id', 'getThing');
  routeAt(api, 'post', '/others/:id/parts', 'addPart');
  routeAt(api, 'get', '/things/:id/parts', 'thingParts');
  const app = express();
  app.use('/api/v1', api.router);
  app.use((req, res) => {
    res.status(404).json({ unmatched: req.originalUrl, baseUrl: req.baseUrl });
  });
  return app;
}

describe('ApiRouter: a request meets only the routes of its first path segment, matched as Express would', () => {
  it.each([
    ['GET', '/api/v1/things', '/things', {}],
    ['GET', '/api/v1/things/', '/things', {}],
    ['GET', '/api/v1/things/t1', '/things/:id', { id: 't1' }],
    ['GET', '/api/v1/THINGS/t1', '/things/:id', { id: 't1' }],
    ['GET', '/api/v1/things/t%201/parts', '/things/:id/parts', { id: 't 1' }],
    ['POST', '/api/v1/others/o1/parts', '/others/:id/parts', { id: 'o1' }],
  ])('%s %s reaches %s', async (method, url, route, params) => {
    const res = await request(app())[method === 'GET' ? 'get' : 'post'](url);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ route, params });
  });

  it.each([
    ['GET', '/api/v1/others/o1/parts'],
    ['GET', '/api/v1/unknown/t1'],
    ['GET', '/api/v1/'],
    ['POST', '/api/v1/things'],
  ])('%s %s falls through to what follows the router', async (method, url) => {
    const res = await request(app())[method === 'GET' ? 'get' : 'post'](url);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ unmatched: url, baseUrl: '' });
  });

  it('refuses a route whose first segment is a parameter (it could belong to any group)', () => {
    const api = new ApiRouter(createRegistry(), noTokens);
    expect(() => routeAt(api, 'get', '/:id/things', 'anyThing')).toThrow('first segment must be a literal');
  });
});
