import type { Socket } from 'socket.io-client';
import request from 'supertest';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/adapters/memory/shared/manual-clock.js';
import { SequentialIdGenerator } from '../../src/adapters/memory/shared/sequential-id-generator.js';
import { EventFactory } from '../../src/application/shared/events/event-factory.js';
import { deliveryWorld, type DeliveryWorld } from '../support/delivery-helpers.js';
import type { SignedIn } from '../support/http-helpers.js';
import { describeWithService, uniqueName } from '../support/real-services.js';
import { realStack } from '../support/real-stack.js';
import { connected, createRealtimeTestApp, type RealtimeTestApp } from '../support/realtime-app.js';

const WAIT = { timeout: 10_000, interval: 10 };
const SETTLE_MS = 500;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

/**
 * The delivery.* events the socket receives from now on that name `courierId` (a late copy of an
 * earlier event, about the previous courier, may still arrive: events are consumed by either instance).
 */
function deliveryEvents(socket: Socket, courierId: string): string[] {
  const heard: string[] = [];
  socket.onAny((event: string, payload: { courierId?: string }) => {
    if (event.startsWith('delivery.') && payload.courierId === courierId) heard.push(event);
  });
  return heard;
}

/**
 * Two app instances on the same MongoDB, Redis and RabbitMQ: a courier connected to instance A
 * loses `delivery:<id>` when an admin replaces them through instance B (whichever instance
 * consumes delivery.assigned, the Redis Streams adapter carries the leave to every instance).
 */
describeWithService('MONGO_URL', 'delivery access across two instances', (mongoUrl) => {
  describeWithService('REDIS_URL', 'on Redis', (redisUrl) => {
    describeWithService('AMQP_URL', 'and RabbitMQ', (amqpUrl) => {
      const stack = realStack({ mongoUrl, redisUrl, amqpUrl });
      const clock = new ManualClock(new Date());
      let a: RealtimeTestApp;
      let b: RealtimeTestApp;
      let w: DeliveryWorld;

      beforeAll(async () => {
        a = await createRealtimeTestApp(stack.env, { clock });
        b = await createRealtimeTestApp(stack.env, { clock });
        w = await deliveryWorld(b);
      }, 60_000);
      afterAll(async () => {
        await a?.close();
        await b?.close();
        await stack.cleanup();
      });

      const socketOn = async (t: RealtimeTestApp, who: SignedIn, room: string) => {
        const socket = t.client(who.accessToken);
        await connected(socket);
        expect(await socket.timeout(WAIT.timeout).emitWithAck('subscribe', { room })).toEqual({ ok: true });
        return socket;
      };

      it('a courier on instance A replaced through instance B leaves delivery:<id> and gets nothing more; the buyer on A follows the new courier on B', async () => {
        const { deliveryId, buyer, courier } = await w.assignedDelivery();
        const room = `delivery:${deliveryId}`;
        const oldSocket = await socketOn(a, courier, room);
        const buyerSocket = await socketOn(a, buyer, room);
        const replacement = await w.courier();
        const byOld = deliveryEvents(oldSocket, replacement.id);
        const byBuyer = deliveryEvents(buyerSocket, replacement.id);

        expect(
          (
            await request(b.app)
              .post(`/api/v1/deliveries/${deliveryId}/assign`)
              .set(w.admin)
              .send({ courierId: replacement.id })
          ).status,
        ).toBe(200);
        await vi.waitFor(
          () =>
            expect(
              a.gateway
                .localRooms()
                .get(room)
                ?.has(oldSocket.id ?? ''),
            ).not.toBe(true),
          WAIT,
        );
        expect(
          a.gateway
            .localRooms()
            .get(room)
            ?.has(buyerSocket.id ?? ''),
        ).toBe(true);
        await vi.waitFor(() => expect(byBuyer).toEqual(['delivery.assigned']), WAIT);
        const newSocket = await socketOn(b, replacement, room);
        expect(
          (await request(b.app).post(`/api/v1/deliveries/${deliveryId}/pickup`).set(replacement.auth)).status,
        ).toBe(200);
        expect(
          await newSocket.timeout(WAIT.timeout).emitWithAck('delivery.location', { deliveryId, lat: 48.85, lng: 2.35 }),
        ).toEqual({ ok: true });

        // Two events consumed by two instances may arrive in either order.
        await vi.waitFor(
          () =>
            expect([...byBuyer].sort()).toEqual([
              'delivery.assigned',
              'delivery.location.updated',
              'delivery.picked_up',
            ]),
          WAIT,
        );
        await settle();
        expect(byOld).toEqual([]);
        expect(await oldSocket.timeout(WAIT.timeout).emitWithAck('subscribe', { room })).toMatchObject({
          ok: false,
          code: 'ROOM_FORBIDDEN',
        });
      });

      it("the leave made by instance B's gateway takes out the courier's sockets on instance A (not only B's own)", async () => {
        const { deliveryId, orderId, buyer, courier } = await w.assignedDelivery();
        const room = `delivery:${deliveryId}`;
        const onA = await socketOn(a, courier, room);
        const onB = await socketOn(b, courier, room);
        const events = new EventFactory(new SequentialIdGenerator(uniqueName('event')), clock);
        const payload = {
          deliveryId,
          orderId,
          buyerId: buyer.id,
          sellerIds: [w.seller.id],
          courierId: 'someone-else',
          previousCourierId: courier.id,
        };
        await b.gateway.relay(events.create('delivery.assigned', payload));
        await vi.waitFor(
          () =>
            expect(
              a.gateway
                .localRooms()
                .get(room)
                ?.has(onA.id ?? ''),
            ).not.toBe(true),
          WAIT,
        );
        expect(
          b.gateway
            .localRooms()
            .get(room)
            ?.has(onB.id ?? ''),
        ).not.toBe(true);
      });
    });
  });
});
