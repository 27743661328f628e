import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../src/application/shared/events/event-bus.js';
import { registerUser } from '../support/http-helpers.js';
import { describeWithService, uniqueName } from '../support/real-services.js';
import { connected, createRealtimeTestApp, type RealtimeTestApp } from '../support/realtime-app.js';

const WAIT_MS = 5_000;

const stockUpdate = (listingId: string, available: number) => ({ listingId, available, quantityOnHand: available });

/** A client that drops for a moment comes back in its rooms with the events emitted meanwhile, in order. */
function recoveryTests(app: () => RealtimeTestApp): void {
  it('a client that reconnects within the recovery window gets the events it missed, in its rooms', async () => {
    const t = app();
    const bus = t.container.get<EventBus>(EventBus);
    const user = await registerUser(t.app);
    const listingId = uniqueName('l');
    const socket = t.client(user.accessToken, { reconnection: true, reconnectionDelay: 50, reconnectionDelayMax: 100 });
    await connected(socket);
    expect(await socket.timeout(WAIT_MS).emitWithAck('subscribe', { room: `listing:${listingId}` })).toEqual({
      ok: true,
    });
    const received: number[] = [];
    socket.on('stock.updated', (payload: { available: number }) => received.push(payload.available));
    await bus.publish('stock.updated', stockUpdate(listingId, 10));
    await vi.waitFor(() => expect(received).toEqual([10]), { timeout: WAIT_MS, interval: 10 });

    const dropped = new Promise((resolve) => socket.once('disconnect', resolve));
    socket.io.engine.close(); // the network drops: the client will reconnect by itself
    await dropped;
    await vi.waitFor(() => expect(t.gateway.localRooms().get(`listing:${listingId}`)?.size ?? 0).toBe(0), {
      timeout: WAIT_MS,
      interval: 10,
    });
    for (const available of [9, 8, 7]) await bus.publish('stock.updated', stockUpdate(listingId, available));

    await vi.waitFor(() => expect(socket.connected).toBe(true), { timeout: WAIT_MS, interval: 10 });
    expect(socket.recovered).toBe(true);
    await vi.waitFor(() => expect(received).toEqual([10, 9, 8, 7]), { timeout: WAIT_MS, interval: 10 });
    await bus.publish('stock.updated', stockUpdate(listingId, 6));
    await vi.waitFor(() => expect(received).toEqual([10, 9, 8, 7, 6]), { timeout: WAIT_MS, interval: 10 });
    // Still subscribed as far as the gateway knows: unsubscribing works and stops the events.
    expect(await socket.timeout(WAIT_MS).emitWithAck('unsubscribe', { room: `listing:${listingId}` })).toEqual({
      ok: true,
    });
    await bus.publish('stock.updated', stockUpdate(listingId, 5));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toEqual([10, 9, 8, 7, 6]);
  });
}

describe('realtime gateway sessions (embedded)', () => {
  let t: RealtimeTestApp;
  beforeAll(async () => {
    t = await createRealtimeTestApp();
  });
  afterAll(() => t.close());

  recoveryTests(() => t);

  it('a socket whose access token expires is told (auth.expired) and disconnected', async () => {
    t.disconnectClients();
    const user = await registerUser(t.app);
    const other = await registerUser(t.app);
    t.clock.advance(10 * 60_000);
    const fresh = await registerUser(t.app); // signed 10 minutes later: still valid below
    const sockets = [t.client(user.accessToken), t.client(other.accessToken), t.client(fresh.accessToken)];
    await Promise.all(sockets.map(connected));
    const told: unknown[] = [];
    sockets[0]!.on('auth.expired', (payload: unknown) => told.push(payload));
    const disconnected = new Promise((resolve) => sockets[0]!.once('disconnect', resolve));

    expect(t.gateway.disconnectExpired()).toBe(0);
    t.clock.advance(6 * 60_000); // the first two tokens (15 min) have expired, the third has not
    expect(t.gateway.disconnectExpired()).toBe(2);
    expect(await disconnected).toBe('io server disconnect');
    expect(told).toEqual([{ code: 'AUTH_TOKEN_EXPIRED', message: expect.any(String) }]);
    await vi.waitFor(() => expect(sockets[1]!.connected).toBe(false), { timeout: WAIT_MS, interval: 10 });
    expect(sockets[2]!.connected).toBe(true);
  });

  it("auth.refresh with a fresh token of the same user keeps the connection past the first token; another user's token is refused", async () => {
    t.disconnectClients();
    const user = await registerUser(t.app);
    const other = await registerUser(t.app);
    const socket = t.client(user.accessToken);
    await connected(socket);
    t.clock.advance(10 * 60_000);
    const fresh = await request(t.app).post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken });
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);

    expect(await socket.timeout(WAIT_MS).emitWithAck('auth.refresh', { token: other.accessToken })).toMatchObject({
      ok: false,
      code: 'AUTH_SESSION_MISMATCH',
    });
    expect(await socket.timeout(WAIT_MS).emitWithAck('auth.refresh', { token: 'not a token' })).toMatchObject({
      ok: false,
      code: 'AUTH_INVALID_TOKEN',
    });
    expect(await socket.timeout(WAIT_MS).emitWithAck('auth.refresh', {})).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
    });
    expect(
      await socket.timeout(WAIT_MS).emitWithAck('auth.refresh', { token: fresh.body.accessToken as string }),
    ).toEqual({ ok: true });

    t.clock.advance(6 * 60_000); // the first token has expired, the fresh one has not
    expect(t.gateway.disconnectExpired()).toBe(0);
    expect(socket.connected).toBe(true);
    t.clock.advance(10 * 60_000);
    expect(t.gateway.disconnectExpired()).toBe(1);
  });

  it("a recovered session cannot be taken over with another user's token", async () => {
    const owner = await registerUser(t.app);
    const intruder = await registerUser(t.app);
    const socket = t.client(owner.accessToken);
    await connected(socket);
    t.gateway.emitToUser(owner.id, 'notification', { n: 1 });
    await new Promise((resolve) => socket.once('notification', resolve));
    const { _pid: pid, _lastOffset: offset } = socket as unknown as { _pid: string; _lastOffset: string };
    socket.io.engine.close();
    const thief = t.client(intruder.accessToken);
    (thief as unknown as { _pid: string; _lastOffset: string })._pid = pid;
    (thief as unknown as { _pid: string; _lastOffset: string })._lastOffset = offset;
    await expect(connected(thief)).rejects.toMatchObject({ data: { code: 'AUTH_SESSION_MISMATCH' } });
  });
});

describeWithService('REDIS_URL', 'realtime gateway sessions on the Redis Streams adapter', (url) => {
  let t: RealtimeTestApp;
  beforeAll(async () => {
    t = await createRealtimeTestApp({ REDIS_URL: url, REDIS_KEY_PREFIX: `${uniqueName('rt')}:` });
  });
  afterAll(() => t?.close());

  recoveryTests(() => t);
});
