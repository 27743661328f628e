import request from 'supertest';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../src/application/shared/events/event-bus.js';
import { deliveryWorld, type DeliveryWorld } from '../support/delivery-helpers.js';
import { TEST_ADMIN, type SignedIn } from '../support/http-helpers.js';
import { settleOutbox } from '../support/outbox-helpers.js';
import { describeWithService, uniqueName } from '../support/real-services.js';
import { connected, createRealtimeTestApp, type RealtimeTestApp } from '../support/realtime-app.js';

const WAIT = { timeout: 5_000, interval: 10 };
/** How long an event that was going to arrive would have taken. */
const SETTLE_MS = 300;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
/** Every stored event relayed and handled by the gateway, and its emits given time to arrive. */
async function quiet(t: RealtimeTestApp): Promise<void> {
  await settleOutbox(t.container);
  await settle();
}

/** Every delivery.* event the socket receives from now on. */
function deliveryEvents(socket: Socket): { event: string; payload: Record<string, unknown> }[] {
  const heard: { event: string; payload: Record<string, unknown> }[] = [];
  socket.onAny((event: string, payload: Record<string, unknown>) => {
    if (event.startsWith('delivery.')) heard.push({ event, payload });
  });
  return heard;
}

/** A socket of the user, connected (recovery clients reconnect by hand: `reconnection: false`). */
async function socketOf(t: RealtimeTestApp, who: SignedIn): Promise<Socket> {
  const socket = t.client(who.accessToken);
  await connected(socket);
  return socket;
}

const subscribe = (socket: Socket, room: string) => socket.timeout(WAIT.timeout).emitWithAck('subscribe', { room });
const locate = (socket: Socket, deliveryId: string, lat: number) =>
  socket.timeout(WAIT.timeout).emitWithAck('delivery.location', { deliveryId, lat, lng: 2.35 });
const inRoom = (t: RealtimeTestApp, room: string, socket: Socket) =>
  t.gateway
    .localRooms()
    .get(room)
    ?.has(socket.id ?? '') ?? false;

/**
 * Drops the socket's connection as a network failure would (the server keeps its session), once it
 * has had an event to resume from: a client recovers from the offset of the last event it got.
 */
async function dropAfterAnEvent(t: RealtimeTestApp, socket: Socket, userId: string): Promise<void> {
  const told = new Promise((resolve) => socket.once('notification', resolve));
  t.gateway.emitToUser(userId, 'notification', { type: 'test' });
  await told;
  const dropped = new Promise((resolve) => socket.once('disconnect', resolve));
  socket.io.engine.close();
  await dropped;
}

/** A reconnecting socket (connection state recovery) gets back only the rooms it may still join. */
function recoveryTests(app: () => RealtimeTestApp, world: () => DeliveryWorld): void {
  it('a replaced courier who was disconnected comes back without delivery:<id> and without its events missed meanwhile; other missed events arrive', async () => {
    const t = app();
    const w = world();
    const { deliveryId, buyer, courier } = await w.assignedDelivery();
    await quiet(t);
    const room = `delivery:${deliveryId}`;
    const listingId = uniqueName('l');
    const socket = await socketOf(t, courier);
    expect(await subscribe(socket, room)).toEqual({ ok: true });
    expect(await subscribe(socket, `listing:${listingId}`)).toEqual({ ok: true });
    const heard = deliveryEvents(socket);
    const stock: number[] = [];
    socket.on('stock.updated', (payload: { available: number }) => stock.push(payload.available));

    await dropAfterAnEvent(t, socket, courier.id);
    await vi.waitFor(() => expect(inRoom(t, room, socket)).toBe(false), WAIT);
    const replacement = await w.courier();
    expect(
      (
        await request(t.app)
          .post(`/api/v1/deliveries/${deliveryId}/assign`)
          .set(w.admin)
          .send({ courierId: replacement.id })
      ).status,
    ).toBe(200);
    expect((await request(t.app).post(`/api/v1/deliveries/${deliveryId}/pickup`).set(replacement.auth)).status).toBe(
      200,
    );
    await t.container.get<EventBus>(EventBus).publish('stock.updated', { listingId, available: 4, quantityOnHand: 4 });
    const buyerSocket = await socketOf(t, buyer);
    expect(await subscribe(buyerSocket, room)).toEqual({ ok: true });
    const byBuyer = deliveryEvents(buyerSocket);
    await quiet(t); // delivery.assigned and delivery.picked_up have gone to the room

    socket.connect();
    await connected(socket);
    expect(socket.recovered).toBe(true);
    await vi.waitFor(() => expect(stock).toEqual([4]), WAIT);
    expect(inRoom(t, room, socket)).toBe(false);
    expect(inRoom(t, `listing:${listingId}`, socket)).toBe(true);
    expect(await locate(await socketOf(t, replacement), deliveryId, 48.85)).toEqual({ ok: true });
    await vi.waitFor(() => expect(byBuyer.map(({ event }) => event)).toContain('delivery.location.updated'), WAIT);
    await settle();
    expect(heard).toEqual([]);
    expect(await subscribe(socket, room)).toMatchObject({ ok: false, code: 'ROOM_FORBIDDEN' });
  });

  it('a buyer who was disconnected comes back in delivery:<id> with the events missed meanwhile, in order', async () => {
    const t = app();
    const w = world();
    const { deliveryId, buyer } = await w.assignedDelivery();
    await quiet(t);
    const room = `delivery:${deliveryId}`;
    const socket = await socketOf(t, buyer);
    expect(await subscribe(socket, room)).toEqual({ ok: true });
    const heard = deliveryEvents(socket);
    await dropAfterAnEvent(t, socket, buyer.id);
    const replacement = await w.courier();
    expect(
      (
        await request(t.app)
          .post(`/api/v1/deliveries/${deliveryId}/assign`)
          .set(w.admin)
          .send({ courierId: replacement.id })
      ).status,
    ).toBe(200);
    expect((await request(t.app).post(`/api/v1/deliveries/${deliveryId}/pickup`).set(replacement.auth)).status).toBe(
      200,
    );
    await quiet(t);

    socket.connect();
    await connected(socket);
    expect(socket.recovered).toBe(true);
    await vi.waitFor(
      () => expect(heard.map(({ event }) => event)).toEqual(['delivery.assigned', 'delivery.picked_up']),
      WAIT,
    );
    expect(inRoom(t, room, socket)).toBe(true);
  });

  it('a recovering socket whose token has expired is refused, and none of the events it missed reaches it, not even on the wire', async () => {
    const t = app();
    const w = world();
    const { deliveryId, courier } = await w.assignedDelivery();
    await quiet(t);
    const socket = await socketOf(t, courier);
    expect(await subscribe(socket, `delivery:${deliveryId}`)).toEqual({ ok: true });
    // Every event packet the client decodes, also those before the handshake's answer (Socket.IO
    // writes a recovered session's missed events at once; the client would only buffer them).
    const heard: unknown[] = [];
    socket.io.on('packet', (packet: { type: number; data?: unknown[] }) => {
      if (packet.type === 2 && String(packet.data?.[0]).startsWith('delivery.')) heard.push(packet.data);
    });
    await dropAfterAnEvent(t, socket, courier.id);
    expect((await request(t.app).post(`/api/v1/deliveries/${deliveryId}/pickup`).set(courier.auth)).status).toBe(200);
    await quiet(t);
    t.clock.advance(16 * 60_000); // access tokens live 15 minutes

    socket.connect();
    await expect(connected(socket)).rejects.toMatchObject({ data: { code: 'AUTH_INVALID_TOKEN' } });
    await settle();
    expect(heard).toEqual([]);
  });
}

describe('delivery access on Socket.IO follows the assignment', () => {
  let t: RealtimeTestApp;
  let w: DeliveryWorld;
  beforeAll(async () => {
    t = await createRealtimeTestApp(TEST_ADMIN);
    w = await deliveryWorld(t);
  });
  afterEach(() => t.disconnectClients());
  afterAll(() => t.close());

  it("a replaced courier's sockets leave delivery:<id> at once and get nothing more from it; the new courier and the buyer still get locations", async () => {
    const { deliveryId, buyer, courier } = await w.assignedDelivery();
    await quiet(t);
    const room = `delivery:${deliveryId}`;
    const [oldSockets, buyerSocket] = [
      [await socketOf(t, courier), await socketOf(t, courier)],
      await socketOf(t, buyer),
    ];
    for (const socket of [...oldSockets, buyerSocket]) expect(await subscribe(socket, room)).toEqual({ ok: true });
    const byOld = oldSockets.map(deliveryEvents);
    const byBuyer = deliveryEvents(buyerSocket);

    const replacement = await w.courier();
    expect(
      (
        await request(t.app)
          .post(`/api/v1/deliveries/${deliveryId}/assign`)
          .set(w.admin)
          .send({ courierId: replacement.id })
      ).status,
    ).toBe(200);
    await vi.waitFor(() => expect(oldSockets.map((socket) => inRoom(t, room, socket))).toEqual([false, false]), WAIT);
    const newSocket = await socketOf(t, replacement);
    expect(await subscribe(newSocket, room)).toEqual({ ok: true });
    const byNew = deliveryEvents(newSocket);
    expect(await locate(newSocket, deliveryId, 48.85)).toEqual({ ok: true });
    expect((await request(t.app).post(`/api/v1/deliveries/${deliveryId}/pickup`).set(replacement.auth)).status).toBe(
      200,
    );

    await vi.waitFor(
      () =>
        expect(byBuyer.map(({ event }) => event)).toEqual([
          'delivery.assigned',
          'delivery.location.updated',
          'delivery.picked_up',
        ]),
      WAIT,
    );
    expect(byBuyer[0]?.payload).toMatchObject({ courierId: replacement.id, previousCourierId: courier.id });
    expect(byNew.map(({ event }) => event)).toEqual(['delivery.location.updated', 'delivery.picked_up']);
    await settle();
    expect(byOld).toEqual([[], []]);
    // Asking again is authorized again, and refused; the old courier cannot report positions either.
    expect(await subscribe(oldSockets[0]!, room)).toMatchObject({ ok: false, code: 'ROOM_FORBIDDEN' });
    expect(await locate(oldSockets[0]!, deliveryId, 48.86)).toMatchObject({ ok: false, code: 'DELIVERY_NOT_FOUND' });
  });

  it('a courier taken off a delivery and given it back may subscribe again', async () => {
    const { deliveryId, courier } = await w.assignedDelivery();
    await quiet(t);
    const room = `delivery:${deliveryId}`;
    const socket = await socketOf(t, courier);
    expect(await subscribe(socket, room)).toEqual({ ok: true });
    const assign = (courierId: string) =>
      request(t.app).post(`/api/v1/deliveries/${deliveryId}/assign`).set(w.admin).send({ courierId });
    expect((await assign((await w.courier()).id)).status).toBe(200);
    await vi.waitFor(() => expect(inRoom(t, room, socket)).toBe(false), WAIT);
    expect(await subscribe(socket, room)).toMatchObject({ ok: false, code: 'ROOM_FORBIDDEN' });
    expect((await assign(courier.id)).status).toBe(200);
    expect(await subscribe(socket, room)).toEqual({ ok: true });
    expect(inRoom(t, room, socket)).toBe(true);
  });

  recoveryTests(
    () => t,
    () => w,
  );
});

describeWithService('REDIS_URL', 'delivery access on Socket.IO with the Redis Streams adapter', (url) => {
  let t: RealtimeTestApp;
  let w: DeliveryWorld;
  beforeAll(async () => {
    t = await createRealtimeTestApp({ ...TEST_ADMIN, REDIS_URL: url, REDIS_KEY_PREFIX: `${uniqueName('rt')}:` });
    w = await deliveryWorld(t);
  });
  afterEach(() => t.disconnectClients());
  afterAll(() => t?.close());

  recoveryTests(
    () => t,
    () => w,
  );
});
