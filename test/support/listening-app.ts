import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ContainerOverrides } from '../../src/container.js';
import { createTestApp, type TestApp } from './test-app.js';

export interface ListeningTestApp extends TestApp {
  /** Where the app listens; also its PUBLIC_BASE_URL, so the URLs it hands out reach it. */
  baseUrl: string;
}

/** Extra wiring on the server once the app serves it; returns what to stop before the server closes. */
export type Attach = (t: TestApp, server: Server) => () => Promise<void>;

/**
 * The test app on a real HTTP server (127.0.0.1, random port), for clients that follow absolute
 * URLs the app hands out (the embedded store's links) or that need a socket (Socket.IO).
 */
export async function createListeningTestApp(
  env: Record<string, string> = {},
  overrides: ContainerOverrides = {},
  attach?: Attach,
): Promise<ListeningTestApp> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stopServer = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const t = await createTestApp({ PUBLIC_BASE_URL: baseUrl, ...env }, overrides);
    // The app first: engine.io wraps the request listeners present when it attaches.
    server.on('request', t.app);
    const detach = attach?.(t, server);
    const close = async () => {
      await detach?.();
      await stopServer();
      await t.close();
    };
    return { ...t, baseUrl, close };
  } catch (error) {
    await stopServer();
    throw error;
  }
}
