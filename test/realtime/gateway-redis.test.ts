import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AccessTokenService } from '../../src/application/identity/ports/access-token-service.js';
import { EventBus } from '../../src/application/shared/events/event-bus.js';
import { describeWithService, uniqueName } from '../support/real-services.js';
import { createRealtimeTestApp, type RealtimeTestApp } from '../support/realtime-app.js';

const WAIT_MS = 3_000;

function within<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const connected = (socket: Socket) =>
  within(
    'connect',
    new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    }),
  );

/**
 * Two instances sharing Redis: the one that consumes an event emits it, and the Socket.IO Redis
 * adapter carries the emit to the sockets of the other. (Each app here has its own in-process
 * bus, so only instance A sees the event at all.)
 */
describeWithService('REDIS_URL', 'realtime gateway across instances (Socket.IO Redis adapter)', (url) => {
  let a: RealtimeTestApp;
  let b: RealtimeTestApp;

  beforeAll(async () => {
    const env = { REDIS_URL: url, REDIS_KEY_PREFIX: `${uniqueName('rt')}:` };
    a = await createRealtimeTestApp(env);
    b = await createRealtimeTestApp(env);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('a bus event consumed on instance A reaches a subscriber connected to instance B', async () => {
    const token = b.container
      .get<AccessTokenService>(AccessTokenService)
      .issue({ userId: 'u-b', roles: ['buyer'] }).token;
    const socket = b.client(token);
    await connected(socket);
    expect(await socket.timeout(WAIT_MS).emitWithAck('subscribe', { room: 'listing:l-shared' })).toEqual({ ok: true });

    const arrived = within('stock.updated', new Promise((resolve) => socket.once('stock.updated', resolve)));
    await a.container
      .get<EventBus>(EventBus)
      .publish('stock.updated', { listingId: 'l-shared', available: 3, quantityOnHand: 5 });
    expect(await arrived).toMatchObject({ listingId: 'l-shared', available: 3 });

    const notified = within('notification', new Promise((resolve) => socket.once('notification', resolve)));
    a.gateway.emitToUser('u-b', 'notification', { type: 'outbid' });
    expect(await notified).toEqual({ type: 'outbid' });
  });
});
