/**
 * The JSON document the app serves at `path` (e.g. `/openapi.json`): the app is built on the embedded
 * adapters (no external service), asked once over HTTP, and closed. Used by the document linters of
 * `npm run lint`, so they check exactly what clients download.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createApp } from '../src/adapters/http/app.js';
import { loadConfig } from '../src/config.js';
import { buildContainer, runtimeOf } from '../src/container.js';

export async function servedDocument(path: string): Promise<unknown> {
  const config = loadConfig(
    { NODE_ENV: 'development', LOG_LEVEL: 'silent', JWT_SECRET: 'only-to-serve-the-documents-0123456789' },
    () => 'unused',
  );
  const container = await buildContainer(config, { logger: pino({ level: 'silent' }) });
  const server = createApp(container).listen(0, '127.0.0.1');
  try {
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
    return await res.json();
  } finally {
    server.close();
    await runtimeOf(container).closeAll(() => undefined);
  }
}
