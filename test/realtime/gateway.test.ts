import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AccessTokenService } from '../../src/application/identity/ports/access-token-service.js';
import { EventBus } from '../../src/application/shared/events/event-bus.js';
import type { Role } from '../../src/domain/identity/role.js';
import { registerUser } from '../support/http-helpers.js';
import { createRealtimeTestApp, type RealtimeTestApp } from '../support/realtime-app.js';

const WAIT_MS = 3_000;

/** Rejects after `ms`, naming what was awaited. */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls every 10 ms until `condition` holds; bounded by WAIT_MS. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function connected(socket: Socket): Promise<void> {
  return within(
    WAIT_MS,
    'connect',
    new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    }),
  );
}

interface RefusalError extends Error {
  data?: { code?: string };
}

function refused(socket: Socket): Promise<RefusalError> {
  return within(
    WAIT_MS,
    'connect_error',
    new Promise<RefusalError>((resolve, reject) => {
      socket.once('connect', () => reject(new Error('connected, expected a refusal')));
      socket.once('connect_error', (error: RefusalError) => resolve(error));
    }),
  );
}

function nextEvent(socket: Socket, event: string): Promise<unknown> {
  return within(WAIT_MS, event, new Promise((resolve) => socket.once(event, (payload: unknown) => resolve(payload))));
}

/** Every payload of `event` the socket receives from now on. */
function collect(socket: Socket, event: string): unknown[] {
  const received: unknown[] = [];
  socket.on(event, (payload: unknown) => received.push(payload));
  return received;
}

function request(socket: Socket, event: 'subscribe' | 'unsubscribe', payload: unknown): Promise<unknown> {
  return socket.timeout(WAIT_MS).emitWithAck(event, payload);
}

describe('realtime gateway (Socket.IO /ws, embedded default)', () => {
  let t: RealtimeTestApp;
  let bus: EventBus;
  let counter = 0;

  const tokenFor = (userId: string, roles: Role[] = ['buyer']) =>
    t.container.get<AccessTokenService>(AccessTokenService).issue({ userId, roles }).token;

  /** A connected client of a fresh user. */
  async function user(): Promise<{ id: string; socket: Socket }> {
    counter += 1;
    const id = `user-${counter}`;
    const socket = t.client(tokenFor(id));
    await connected(socket);
    return { id, socket };
  }

  const stockReserved = (listingId: string, available: number) =>
    bus.publish('stock.reserved', {
      listingId,
      available,
      holderId: 'holder-1',
      quantity: 1,
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });

  beforeAll(async () => {
    t = await createRealtimeTestApp();
    bus = t.container.get<EventBus>(EventBus);
  });

  afterEach(() => t.disconnectClients());

  afterAll(async () => {
    await t?.close();
  });

  describe('handshake', () => {
    it('refuses a connection without a token', async () => {
      const error = await refused(t.client());
      expect(error.message).toMatch(/token/);
      expect(error.data?.code).toBe('AUTH_INVALID_TOKEN');
    });

    it('refuses a malformed or tampered token', async () => {
      expect((await refused(t.client('not-a-jwt'))).data?.code).toBe('AUTH_INVALID_TOKEN');
      const token = tokenFor('user-x');
      const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
      expect((await refused(t.client(tampered))).data?.code).toBe('AUTH_INVALID_TOKEN');
    });

    it('refuses an expired token', async () => {
      const token = tokenFor('user-late');
      t.clock.advance((t.config.auth.accessTokenTtlSeconds + 60) * 1000);
      try {
        expect((await refused(t.client(token))).data?.code).toBe('AUTH_INVALID_TOKEN');
      } finally {
        t.clock.advance(-(t.config.auth.accessTokenTtlSeconds + 60) * 1000);
      }
    });

    it('accepts the access token a login hands out', async () => {
      const signedIn = await registerUser(t.app);
      await connected(t.client(signedIn.accessToken));
    });

    it('serves /ws only: the main namespace refuses even a good token', async () => {
      const socket = connect(t.baseUrl, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        auth: { token: tokenFor('user-main') },
      });
      try {
        expect((await refused(socket)).data?.code).toBe('NAMESPACE_UNKNOWN');
      } finally {
        socket.disconnect();
      }
    });
  });

  describe('subscribe and unsubscribe', () => {
    it('acknowledges a valid subscribe with { ok: true } and joins the room', async () => {
      const { socket } = await user();
      expect(await request(socket, 'subscribe', { room: 'listing:l-1' })).toEqual({ ok: true });
      expect(await request(socket, 'subscribe', { room: 'auction:a-1' })).toEqual({ ok: true });
      expect(t.gateway.localRooms().get('listing:l-1')?.has(socket.id!)).toBe(true);
    });

    it.each([
      ['no payload', undefined],
      ['a string', 'listing:l-1'],
      ['no room', {}],
      ['an unknown kind', { room: 'order:o-1' }],
      ['the user room', { room: 'user:someone' }],
      ['an empty id', { room: 'listing:' }],
      ['a room with spaces', { room: 'listing:a b' }],
      ['an extra field', { room: 'listing:l-1', as: 'admin' }],
    ])('answers { ok: false, code: VALIDATION_FAILED } to %s', async (_name, payload) => {
      const { socket } = await user();
      expect(await request(socket, 'subscribe', payload)).toMatchObject({
        ok: false,
        code: 'VALIDATION_FAILED',
        message: expect.any(String),
      });
      expect(await request(socket, 'unsubscribe', payload)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    });

    it('answers VALIDATION_FAILED when the ack callback comes as the only argument', async () => {
      const { socket } = await user();
      const answer = await within(WAIT_MS, 'ack', new Promise((resolve) => socket.emit('subscribe', resolve)));
      expect(answer).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    });

    it('refuses delivery rooms (ROOM_FORBIDDEN) until a module authorizes them', async () => {
      const { socket } = await user();
      expect(await request(socket, 'subscribe', { room: 'delivery:d-1' })).toMatchObject({
        ok: false,
        code: 'ROOM_FORBIDDEN',
      });
      expect(t.gateway.localRooms().get('delivery:d-1')).toBeUndefined();
    });

    it('takes a pluggable authorizer per room kind', async () => {
      const { socket, id } = await user();
      t.gateway.authorizeRooms(
        'delivery',
        (principal, deliveryId) => principal.userId === id && deliveryId === 'd-mine',
      );
      try {
        expect(await request(socket, 'subscribe', { room: 'delivery:d-mine' })).toEqual({ ok: true });
        expect(await request(socket, 'subscribe', { room: 'delivery:d-other' })).toMatchObject({
          ok: false,
          code: 'ROOM_FORBIDDEN',
        });
      } finally {
        t.gateway.authorizeRooms('delivery', () => false);
      }
    });

    it('survives a subscribe without an ack callback', async () => {
      const { socket } = await user();
      socket.emit('subscribe', { room: 'listing:no-ack' });
      socket.emit('subscribe', { bad: true });
      socket.emit('unsubscribe');
      // Messages on one connection are handled in order: once this is answered, the others were.
      expect(await request(socket, 'subscribe', { room: 'listing:with-ack' })).toEqual({ ok: true });
      expect(socket.connected).toBe(true);
      expect(t.gateway.localRooms().get('listing:no-ack')?.has(socket.id!)).toBe(true);
    });

    it('unsubscribe leaves the room, is acknowledged, and is idempotent', async () => {
      const { socket } = await user();
      const received = collect(socket, 'stock.reserved');
      expect(await request(socket, 'subscribe', { room: 'listing:l-left' })).toEqual({ ok: true });
      expect(await request(socket, 'subscribe', { room: 'listing:l-kept' })).toEqual({ ok: true });
      expect(await request(socket, 'unsubscribe', { room: 'listing:l-left' })).toEqual({ ok: true });
      expect(await request(socket, 'unsubscribe', { room: 'listing:l-left' })).toEqual({ ok: true });
      expect(t.gateway.localRooms().get('listing:l-left')).toBeUndefined();

      const kept = nextEvent(socket, 'stock.reserved');
      await stockReserved('l-left', 1);
      await stockReserved('l-kept', 2);
      await kept;
      // Emits reach a socket in order: the one for l-kept came after the one for l-left would have.
      expect(received).toEqual([expect.objectContaining({ listingId: 'l-kept' })]);
    });

    it('caps the rooms per connection', async () => {
      const { socket } = await user();
      const answers = await Promise.all(
        Array.from({ length: 201 }, (_, i) => request(socket, 'subscribe', { room: `listing:cap-${i}` })),
      );
      expect(answers.filter((a) => (a as { ok: boolean }).ok)).toHaveLength(200);
      expect(answers[200]).toMatchObject({ ok: false, code: 'ROOM_LIMIT' });
    });
  });

  describe('bus events to rooms', () => {
    it('relays stock.reserved to the subscribers of listing:<id> only, without the holder', async () => {
      const watcher = await user();
      const other = await user();
      expect(await request(watcher.socket, 'subscribe', { room: 'listing:l-watched' })).toEqual({ ok: true });
      expect(await request(other.socket, 'subscribe', { room: 'listing:l-elsewhere' })).toEqual({ ok: true });
      const otherReceived = collect(other.socket, 'stock.reserved');

      const arrived = nextEvent(watcher.socket, 'stock.reserved');
      const envelope = await stockReserved('l-watched', 4);
      expect(await arrived).toEqual({ listingId: 'l-watched', available: 4, occurredAt: envelope.occurredAt });

      const otherArrived = nextEvent(other.socket, 'stock.reserved');
      await stockReserved('l-elsewhere', 7);
      await otherArrived;
      expect(otherReceived).toEqual([expect.objectContaining({ listingId: 'l-elsewhere', available: 7 })]);
    });

    it('relays stock.released and stock.updated under their topic names', async () => {
      const { socket } = await user();
      expect(await request(socket, 'subscribe', { room: 'listing:l-levels' })).toEqual({ ok: true });
      const released = nextEvent(socket, 'stock.released');
      await bus.publish('stock.released', {
        listingId: 'l-levels',
        available: 5,
        holderId: 'holder-1',
        quantity: 1,
        reason: 'expired',
      });
      expect(await released).toMatchObject({ listingId: 'l-levels', available: 5 });
      const updated = nextEvent(socket, 'stock.updated');
      await bus.publish('stock.updated', { listingId: 'l-levels', available: 9, quantityOnHand: 10 });
      expect(await updated).toMatchObject({ listingId: 'l-levels', available: 9 });
    });
  });

  describe('user rooms', () => {
    it('puts every socket of a user in user:<id>, and emitToUser reaches only that user', async () => {
      const alice = await user();
      const aliceAgain = t.client(tokenFor(alice.id));
      await connected(aliceAgain);
      const bob = await user();
      expect([...(t.gateway.localRooms().get(`user:${alice.id}`) ?? [])].sort()).toEqual(
        [alice.socket.id, aliceAgain.id].sort(),
      );
      const bobReceived = collect(bob.socket, 'notification');

      const toAlice = [nextEvent(alice.socket, 'notification'), nextEvent(aliceAgain, 'notification')];
      t.gateway.emitToUser(alice.id, 'notification', { type: 'outbid', title: 'Outbid' });
      expect(await Promise.all(toAlice)).toEqual([
        { type: 'outbid', title: 'Outbid' },
        { type: 'outbid', title: 'Outbid' },
      ]);

      const toBob = nextEvent(bob.socket, 'notification');
      t.gateway.emitToUser(bob.id, 'notification', { type: 'won', title: 'Won' });
      await toBob;
      expect(bobReceived).toEqual([{ type: 'won', title: 'Won' }]);
    });

    it('leaves the user room on disconnect', async () => {
      const { id, socket } = await user();
      expect(t.gateway.localRooms().has(`user:${id}`)).toBe(true);
      socket.disconnect();
      await until(() => !t.gateway.localRooms().has(`user:${id}`), 'the server to drop the socket');
    });
  });
});

describe('realtime gateway close', () => {
  it('disconnects its clients and leaves the HTTP server serving', async () => {
    const t = await createRealtimeTestApp();
    try {
      const socket = t.client(
        t.container.get<AccessTokenService>(AccessTokenService).issue({ userId: 'u-close', roles: ['buyer'] }).token,
      );
      await connected(socket);
      const disconnected = within(WAIT_MS, 'disconnect', new Promise((resolve) => socket.once('disconnect', resolve)));
      await t.gateway.close();
      await disconnected;
      expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
