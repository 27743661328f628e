import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { fixedHeaders } from '../../../../src/adapters/http/platform/fixed-headers.js';

/** The headers a GET answers with through `middleware`, without those every answer varies in. */
async function headersThrough(middleware: RequestHandler): Promise<Record<string, string>> {
  const app = express();
  app.use(middleware);
  app.get('/', (_req, res) => {
    res.json({ ok: true });
  });
  const { date: _date, etag: _etag, ...headers } = (await request(app).get('/')).headers as Record<string, string>;
  return headers;
}

describe('fixedHeaders', () => {
  it("sets helmet's headers, in helmet's order, and removes what it removes", async () => {
    const secure = helmet({ crossOriginResourcePolicy: { policy: 'cross-origin' } });
    const expected = await headersThrough(secure);
    const sent = await headersThrough(fixedHeaders(secure));
    expect(Object.entries(sent)).toEqual(Object.entries(expected));
    expect(sent['x-powered-by']).toBeUndefined();
    expect(sent['content-security-policy']).toContain("default-src 'self'");
  });

  it('refuses a middleware that does not pass the request on at once', () => {
    const later: RequestHandler = (_req, _res, next) => setImmediate(next);
    expect(() => fixedHeaders(later)).toThrow(/at once/);
  });
});
