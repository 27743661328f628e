import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../demo/demo-cast.js';

/** The project root: this file sits 4 folders below it, as src/adapters/http/console/ (tsx) or dist/... (npm start). */
const projectRoot = fileURLToPath(new URL('../../../../', import.meta.url));
/** The console's pages, scripts and styles: plain ES modules, served as they are (no build step). */
export const CONSOLE_DIR = join(projectRoot, 'web', 'console');
/** Socket.IO's browser build, from the server package's own client-dist (the gateway's serveClient stays off). */
const SOCKET_IO_CLIENT = join(
  dirname(createRequire(import.meta.url).resolve('socket.io/package.json')),
  'client-dist',
  'socket.io.esm.min.js',
);

export interface ConsoleOptions {
  /** DEMO=true: the sign-in page lists the demo accounts (their password is published anyway). */
  demo: boolean;
}

/** What the sign-in page reads to list the demo accounts: none outside the demo. */
export function demoDescription(demo: boolean) {
  return {
    demo,
    accounts: demo ? DEMO_ACCOUNTS.map((account) => ({ ...account, password: DEMO_PASSWORD })) : [],
  };
}

/**
 * The web console at `/`: its page, its assets under /console/ and the Socket.IO client it imports. Outside
 * /api/v1, so the API's routes, declarations and documents are untouched.
 */
export function consoleRoutes(options: ConsoleOptions): Router {
  const router = Router();
  router.get('/', (_req, res) => res.sendFile(join(CONSOLE_DIR, 'index.html')));
  router.get('/console/demo.json', (_req, res) => {
    res.json(demoDescription(options.demo));
  });
  router.get('/console/vendor/socket.io.esm.min.js', (_req, res) => res.sendFile(SOCKET_IO_CLIENT));
  router.use('/console', express.static(CONSOLE_DIR, { index: false, fallthrough: true }));
  return router;
}
