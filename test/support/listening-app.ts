import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ContainerOverrides } from '../../src/container.js';
import { createTestApp, type TestApp } from './test-app.js';

export interface ListeningTestApp extends TestApp {
  /** Where the app listens; also its PUBLIC_BASE_URL, so the URLs it hands out reach it. */
  baseUrl: string;
}

/**
 * The test app on a real HTTP server (127.0.0.1, random port), for clients that follow absolute
 * URLs the app hands out, such as the embedded store's presigned upload and download links.
 */
export async function createListeningTestApp(env: Record<string, string> = {}, overrides: ContainerOverrides = {}): Promise<ListeningTestApp> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stopServer = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const t = await createTestApp({ PUBLIC_BASE_URL: baseUrl, ...env }, overrides);
    server.on('request', t.app);
    const close = async () => {
      await stopServer();
      await t.close();
    };
    return { ...t, baseUrl, close };
  } catch (error) {
    await stopServer();
    throw error;
  }
}
