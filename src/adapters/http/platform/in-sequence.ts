import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * The middleware run one after another as one Express layer: what `app.use` of each would do
 * (an error, thrown or passed to `next`, skips the rest and goes to the error handlers; so does a
 * rejected promise), without a router layer, its path match and its closures per middleware on
 * every request. For the middleware every request passes through.
 */
export function inSequence(...handlers: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    let index = 0;
    const step = (error?: unknown): void => {
      if (error !== undefined && error !== null) return next(error);
      const handler = handlers[index++];
      if (!handler) return next();
      try {
        const result: unknown = handler(req, res, step);
        if (result instanceof Promise) result.catch(next);
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  };
}
