import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { requestLogging } from '../../../../src/adapters/http/platform/request-logging.js';

/** An app logging into `lines`: /ok answers 201, /fails 500 after logging through req.log. */
function loggedApp(lines: Record<string, unknown>[]) {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const app = express();
  app.use(requestLogging(app, pino({ level: 'info' }, stream)));
  app.post('/ok', (_req, res) => {
    res.status(201).json({ ok: true });
  });
  app.get('/fails', (req, res) => {
    req.log.warn({ detail: 1 }, 'about to fail');
    res.status(500).json({ ok: false });
  });
  return app;
}

describe('requestLogging', () => {
  it('logs one info line per request: req (id, method, url), res (statusCode), responseTime', async () => {
    const lines: Record<string, unknown>[] = [];
    const res = await request(loggedApp(lines)).post('/ok?x=1').set('X-Request-Id', 'req-1');
    expect(res.headers['x-request-id']).toBe('req-1');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        req: { id: 'req-1', method: 'POST', url: '/ok?x=1' },
        res: { statusCode: 201 },
        responseTime: expect.any(Number),
        msg: 'request completed',
      }),
    ]);
    expect(Object.keys(lines[0]!).slice(-4)).toEqual(['req', 'res', 'responseTime', 'msg']);
  });

  it("logs a 5xx at error with an err, and req.log's lines carry the request", async () => {
    const lines: Record<string, unknown>[] = [];
    const res = await request(loggedApp(lines)).get('/fails');
    const id = res.headers['x-request-id'] as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        req: { id, method: 'GET', url: '/fails' },
        detail: 1,
        msg: 'about to fail',
      }),
      expect.objectContaining({
        level: 50,
        req: { id, method: 'GET', url: '/fails' },
        res: { statusCode: 500 },
        err: expect.objectContaining({ message: 'failed with status code 500' }),
        msg: 'request errored',
      }),
    ]);
  });
});
