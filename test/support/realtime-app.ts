import { io as connect, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { REALTIME_NAMESPACE, type RealtimeGateway } from '../../src/adapters/realtime/realtime-gateway.js';
import { realtimeGatewayOf } from '../../src/composition/realtime.js';
import type { ContainerOverrides } from '../../src/container.js';
import { createListeningTestApp, type ListeningTestApp } from './listening-app.js';

export interface RealtimeTestApp extends ListeningTestApp {
  gateway: RealtimeGateway;
  /** A socket.io client on `/ws` (websocket only, no reconnection), closed by close(). */
  client(token?: string, options?: Partial<ManagerOptions & SocketOptions>): Socket;
  /** Disconnects every client made so far (for afterEach). */
  disconnectClients(): void;
}

/**
 * The test app on a real HTTP server with the realtime gateway attached, as main.ts serves it.
 * close() disconnects every client it made, then stops the gateway, the server and the app.
 */
export async function createRealtimeTestApp(
  env: Record<string, string> = {},
  overrides: ContainerOverrides = {},
): Promise<RealtimeTestApp> {
  const clients: Socket[] = [];
  const disconnectClients = () => {
    for (const socket of clients.splice(0)) socket.disconnect();
  };
  let gateway: RealtimeGateway | undefined;
  const t = await createListeningTestApp(env, overrides, (app, server) => {
    const attached = realtimeGatewayOf(app.container);
    attached.attach(server);
    gateway = attached;
    return async () => {
      disconnectClients();
      await attached.close();
    };
  });
  const client = (token?: string, options: Partial<ManagerOptions & SocketOptions> = {}) => {
    const socket = connect(`${t.baseUrl}${REALTIME_NAMESPACE}`, {
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
  return { ...t, gateway: gateway!, client, disconnectClients };
}

/** Resolves once the socket is connected (at once if it is), rejects with its connect_error. */
export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}
