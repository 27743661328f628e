import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { REALTIME_NAMESPACE, type RealtimeGateway } from '../../src/adapters/realtime/realtime-gateway.js';
import { realtimeGatewayOf } from '../../src/composition/realtime.js';
import type { ContainerOverrides } from '../../src/container.js';
import { createTestApp, type TestApp } from './test-app.js';

export interface RealtimeTestApp extends TestApp {
  baseUrl: string;
  gateway: RealtimeGateway;
  /** A socket.io client on `/ws` (websocket only, no reconnection), closed by close(). */
  client(token?: string, options?: Partial<ManagerOptions & SocketOptions>): Socket;
  /** Disconnects every client made so far (for afterEach). */
  disconnectClients(): void;
}

/**
 * The test app on a real HTTP server (127.0.0.1, random port) with the realtime gateway
 * attached, as main.ts serves it. close() disconnects every client it made, then stops the
 * gateway, the server and the app.
 */
export async function createRealtimeTestApp(env: Record<string, string> = {}, overrides: ContainerOverrides = {}): Promise<RealtimeTestApp> {
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
    const gateway = realtimeGatewayOf(t.container);
    gateway.attach(server);
    const clients: Socket[] = [];
    const client = (token?: string, options: Partial<ManagerOptions & SocketOptions> = {}) => {
      const socket = connect(`${baseUrl}${REALTIME_NAMESPACE}`, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        timeout: 5_000,
        ...(token === undefined ? {} : { auth: { token } }),
        ...options,
      });
      clients.push(socket);
      return socket;
    };
    const disconnectClients = () => {
      for (const socket of clients.splice(0)) socket.disconnect();
    };
    const close = async () => {
      disconnectClients();
      await gateway.close();
      await stopServer();
      await t.close();
    };
    return { ...t, baseUrl, gateway, client, disconnectClients, close };
  } catch (error) {
    await stopServer();
    throw error;
  }
}
