import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { inSequence } from '../../../../src/adapters/http/platform/in-sequence.js';

/** An app whose one layer runs `handlers` in sequence, then answers what ran, or the error that stopped it. */
function appOf(...handlers: RequestHandler[]) {
  const app = express();
  app.use((req, _res, next) => {
    (req as { ran?: string[] }).ran = [];
    next();
  });
  app.use(inSequence(...handlers));
  app.get('/', (req, res) => {
    res.json({ ran: (req as { ran?: string[] }).ran });
  });
  const onError: ErrorRequestHandler = (error: Error, req, res, _next) => {
    res.status(500).json({ error: error.message, ran: (req as { ran?: string[] }).ran });
  };
  app.use(onError);
  return app;
}

const mark =
  (name: string): RequestHandler =>
  (req, _res, next) => {
    (req as { ran?: string[] }).ran!.push(name);
    next();
  };

describe('inSequence: middleware as one layer, with what app.use of each would do', () => {
  it('runs each in order, then what follows', async () => {
    const res = await request(appOf(mark('a'), mark('b'), mark('c'))).get('/');
    expect(res.body).toEqual({ ran: ['a', 'b', 'c'] });
  });

  it('stops at a middleware that answers', async () => {
    const answer: RequestHandler = (_req, res) => {
      res.status(204).end();
    };
    const res = await request(appOf(mark('a'), answer, mark('c'))).get('/');
    expect(res.status).toBe(204);
  });

  it.each<[string, RequestHandler]>([
    ['passed to next', (_req, _res, next) => next(new Error('passed'))],
    [
      'thrown',
      () => {
        throw new Error('thrown');
      },
    ],
    ['a rejected promise', (async () => Promise.reject(new Error('rejected'))) as RequestHandler],
  ])('sends an error %s to the error handlers, skipping the rest', async (_how, failing) => {
    const res = await request(appOf(mark('a'), failing, mark('c'))).get('/');
    expect(res.status).toBe(500);
    expect(res.body.ran).toEqual(['a']);
    expect(res.body.error).toMatch(/passed|thrown|rejected/);
  });
});
