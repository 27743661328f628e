import request from 'supertest';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { deliveryWorld, type DeliveryWorld } from '../support/delivery-helpers.js';
import { registerUser, TEST_ADMIN } from '../support/http-helpers.js';
import { connected, createRealtimeTestApp, type RealtimeTestApp } from '../support/realtime-app.js';

const WAIT_MS = 5000;

/** Who may watch `delivery:<id>`, and a courier's `delivery.location` socket event. */
describe('delivery on Socket.IO', () => {
  let t: RealtimeTestApp;
  let w: DeliveryWorld;
  beforeAll(async () => {
    t = await createRealtimeTestApp(TEST_ADMIN);
    w = await deliveryWorld(t);
  });
  afterEach(() => t.disconnectClients());
  afterAll(() => t.close());

  const socketOf = async (token: string) => {
    const socket = t.client(token);
    await connected(socket);
    return socket;
  };

  it("its buyer, seller and courier may subscribe to delivery:<id>; someone else's delivery is ROOM_FORBIDDEN", async () => {
    const { deliveryId, buyer, courier } = await w.assignedDelivery();
    for (const who of [buyer, w.seller, courier]) {
      expect(
        await (
          await socketOf(who.accessToken)
        )
          .timeout(WAIT_MS)
          .emitWithAck('subscribe', { room: `delivery:${deliveryId}` }),
      ).toEqual({ ok: true });
    }
    const stranger = await registerUser(t.app);
    const refused = await (
      await socketOf(stranger.accessToken)
    )
      .timeout(WAIT_MS)
      .emitWithAck('subscribe', { room: `delivery:${deliveryId}` });
    expect(refused).toMatchObject({ ok: false, code: 'ROOM_FORBIDDEN' });
    const unknown = await (
      await socketOf(stranger.accessToken)
    )
      .timeout(WAIT_MS)
      .emitWithAck('subscribe', { room: 'delivery:no-such-delivery' });
    expect(unknown).toMatchObject({ ok: false, code: 'ROOM_FORBIDDEN' });
  });

  it("the courier's delivery.location is acked { ok: true } and shows in GET /deliveries/:id; bad payloads and other users are refused in the ack", async () => {
    const { deliveryId, buyer, courier } = await w.assignedDelivery();
    const socket = await socketOf(courier.accessToken);
    const recordedAt = new Date(t.clock.now().getTime() - 1_000).toISOString();
    expect(
      await socket
        .timeout(WAIT_MS)
        .emitWithAck('delivery.location', { deliveryId, lat: 48.8566, lng: 2.3522, accuracy: 4, recordedAt }),
    ).toEqual({ ok: true });
    const shown = await request(t.app).get(`/api/v1/deliveries/${deliveryId}`).set(buyer.auth);
    const point = { lat: 48.8566, lng: 2.3522, accuracy: 4, recordedAt };
    expect(shown.body).toMatchObject({ lastLocation: point, track: [point] });

    expect(await socket.timeout(WAIT_MS).emitWithAck('delivery.location', { deliveryId, lat: 'north' })).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
    });
    expect(await socket.timeout(WAIT_MS).emitWithAck('delivery.location', { lat: 1, lng: 1 })).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
    });
    const buyerSocket = await socketOf(buyer.accessToken);
    expect(
      await buyerSocket.timeout(WAIT_MS).emitWithAck('delivery.location', { deliveryId, lat: 48.86, lng: 2.35 }),
    ).toMatchObject({ ok: false, code: 'DELIVERY_NOT_COURIER' });
    const stranger = await registerUser(t.app, { roles: ['courier'] });
    const strangerSocket = await socketOf(stranger.accessToken);
    expect(
      await strangerSocket.timeout(WAIT_MS).emitWithAck('delivery.location', { deliveryId, lat: 48.86, lng: 2.35 }),
    ).toMatchObject({ ok: false, code: 'DELIVERY_NOT_FOUND' });
    expect((await request(t.app).get(`/api/v1/deliveries/${deliveryId}`).set(buyer.auth)).body.track).toHaveLength(1);
  });

  it("the courier's socket location reaches the buyer's socket (kept points only), and not a stranger's; pickup and completion too", async () => {
    const { deliveryId, buyer, courier } = await w.assignedDelivery();
    const room = { room: `delivery:${deliveryId}` };
    const buyerSocket = await socketOf(buyer.accessToken);
    expect(await buyerSocket.timeout(WAIT_MS).emitWithAck('subscribe', room)).toEqual({ ok: true });
    const stranger = await registerUser(t.app);
    const strangerSocket = await socketOf(stranger.accessToken);
    expect(await strangerSocket.timeout(WAIT_MS).emitWithAck('subscribe', room)).toMatchObject({ ok: false });
    const heard = (socket: Socket) => {
      const events: { event: string; payload: Record<string, unknown> }[] = [];
      socket.onAny((event: string, payload: Record<string, unknown>) => events.push({ event, payload }));
      return events;
    };
    const byBuyer = heard(buyerSocket);
    const byStranger = heard(strangerSocket);
    const courierSocket = await socketOf(courier.accessToken);
    const at = (seconds: number) => new Date(t.clock.now().getTime() + seconds * 1000).toISOString();

    expect((await request(t.app).post(`/api/v1/deliveries/${deliveryId}/pickup`).set(courier.auth)).status).toBe(200);
    expect(
      await courierSocket
        .timeout(WAIT_MS)
        .emitWithAck('delivery.location', { deliveryId, lat: 48.85, lng: 2.35, recordedAt: at(-30) }),
    ).toEqual({ ok: true });
    expect(
      await courierSocket
        .timeout(WAIT_MS)
        .emitWithAck('delivery.location', { deliveryId, lat: 48.85, lng: 2.35, recordedAt: at(-20) }),
    ).toEqual({ ok: true }); // too close: dropped
    expect(
      await courierSocket
        .timeout(WAIT_MS)
        .emitWithAck('delivery.location', { deliveryId, lat: 48.851, lng: 2.35, recordedAt: at(-10) }),
    ).toEqual({ ok: true });
    expect((await request(t.app).post(`/api/v1/deliveries/${deliveryId}/complete`).set(courier.auth)).status).toBe(200);

    const relevant = () => byBuyer.filter(({ event }) => event.startsWith('delivery.'));
    await vi.waitFor(
      () =>
        expect(relevant().map(({ event }) => event)).toEqual([
          'delivery.picked_up',
          'delivery.location.updated',
          'delivery.location.updated',
          'delivery.completed',
        ]),
      { timeout: WAIT_MS, interval: 10 },
    );
    expect(relevant()[1]?.payload).toMatchObject({
      deliveryId,
      courierId: courier.id,
      lat: 48.85,
      lng: 2.35,
      recordedAt: at(-30),
    });
    expect(relevant()[2]?.payload).toMatchObject({ deliveryId, lat: 48.851 });
    expect(byStranger.filter(({ event }) => event.startsWith('delivery.'))).toEqual([]);
  });
});
