import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { EmbeddedObjectStorage, type AuthorizedPut } from '../../memory/media/embedded-object-storage.js';

/** Under EMBEDDED_STORE_PATH, where the app mounts these routes. */
const storePath = '/*key';
const authorized = new WeakMap<Request, AuthorizedPut>();

/** The object key from the wildcard path (Express 5 gives its segments, already decoded). */
function keyOf(req: Request): string {
  const segments: unknown = req.params.key;
  return Array.isArray(segments) ? segments.join('/') : String(segments);
}

function contentLengthOf(req: Request): number | undefined {
  const header = req.headers['content-length'];
  return header === undefined ? undefined : Number(header);
}

/** Signature, expiry, Content-Type and announced length are checked before any byte is read. */
function authorize(store: EmbeddedObjectStorage): RequestHandler {
  return (req, _res, next) => {
    const upload = store.authorizePut({
      key: keyOf(req),
      query: req.query,
      contentType: req.headers['content-type'],
      contentLength: contentLengthOf(req),
    });
    authorized.set(req, upload);
    next();
  };
}

function receive(store: EmbeddedObjectStorage): RequestHandler {
  return (req: Request, res: Response) => {
    const upload = authorized.get(req);
    if (!upload) throw new Error('the upload was not authorized');
    store.put(upload, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
    res.status(200).end();
  };
}

function serve(store: EmbeddedObjectStorage): RequestHandler {
  return (req: Request, res: Response) => {
    const object = store.read({ key: keyOf(req), query: req.query });
    // Images are shown by other origins (the web front end): allow cross-origin embedding.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.status(200).type(object.contentType).send(object.bytes);
  };
}

/**
 * The embedded object store's presigned URLs (`PUT` and `GET /media-store/<key>?...signature`),
 * served by the app itself; nothing when S3 serves media. Mounted at EMBEDDED_STORE_PATH, before the JSON body parser:
 * the upload body is read raw, up to MEDIA_MAX_BYTES.
 */
export function embeddedStorageRoutes(store: EmbeddedObjectStorage | undefined): Router {
  const router = Router();
  if (!store) return router;
  router.put(storePath, authorize(store), express.raw({ type: () => true, limit: store.maxBytes }), receive(store));
  router.get(storePath, serve(store));
  return router;
}
