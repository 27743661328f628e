import type { Socket } from 'socket.io-client';
import request from 'supertest';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/adapters/memory/shared/manual-clock.js';
import { auctionWorld, type AuctionWorld } from '../support/auction-helpers.js';
import { registerUser, type SignedIn } from '../support/http-helpers.js';
import { describeWithService } from '../support/real-services.js';
import { realStack } from '../support/real-stack.js';
import { connected, createRealtimeTestApp, type RealtimeTestApp } from '../support/realtime-app.js';

const WAIT_MS = 5_000;
/** How long after the first copy of an event a second one would have arrived, if it were going to. */
const SETTLE_MS = 500;

/** Every copy of `event` the socket receives from now on. */
function collect(socket: Socket, event: string): unknown[] {
  const received: unknown[] = [];
  socket.on(event, (payload: unknown) => received.push(payload));
  return received;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

/**
 * Two app instances in one process on the same MongoDB, Redis and RabbitMQ (as `docker compose`
 * with two replicas would run them): a request to instance B causes an event that a client
 * connected to instance A receives exactly once: one instance consumes it from the shared queue
 * of the realtime gateway, and the Socket.IO Redis Streams adapter carries the emit to A.
 */
describeWithService('MONGO_URL', 'realtime across two instances', (mongoUrl) => {
  describeWithService('REDIS_URL', 'on Redis', (redisUrl) => {
    describeWithService('AMQP_URL', 'and RabbitMQ', (amqpUrl) => {
      const stack = realStack({ mongoUrl, redisUrl, amqpUrl });
      const clock = new ManualClock(new Date());
      let a: RealtimeTestApp;
      let b: RealtimeTestApp;
      let w: AuctionWorld;
      let watcher: SignedIn;

      beforeAll(async () => {
        a = await createRealtimeTestApp(stack.env, { clock });
        b = await createRealtimeTestApp(stack.env, { clock });
        w = await auctionWorld(b);
        watcher = await registerUser(a.app);
      }, 60_000);
      afterAll(async () => {
        await a?.close();
        await b?.close();
        await stack.cleanup();
      });

      it('a bid placed on instance B reaches a watcher connected to instance A exactly once', async () => {
        const auctionId = (await w.auction({}, 10)).body.id as string;
        const socket = a.client(watcher.accessToken);
        await connected(socket);
        expect(await socket.timeout(WAIT_MS).emitWithAck('subscribe', { room: `auction:${auctionId}` })).toEqual({
          ok: true,
        });
        const placed = collect(socket, 'auction.bid.placed');
        const bidder = await registerUser(b.app);

        expect((await w.bid(bidder, auctionId, 1_000)).status).toBe(201);
        await vi.waitFor(() => expect(placed).toHaveLength(1), { timeout: WAIT_MS, interval: 10 });
        await settle();
        expect(placed).toEqual([expect.objectContaining({ auctionId, bidCount: 1, leadingBidderAlias: 'Bidder 1' })]);
        expect(JSON.stringify(placed)).not.toContain(bidder.id);
      });

      it('a reservation made on instance B reaches a watcher of the listing on instance A exactly once', async () => {
        const listingId = await w.listing(5);
        const socket = a.client(watcher.accessToken);
        await connected(socket);
        expect(await socket.timeout(WAIT_MS).emitWithAck('subscribe', { room: `listing:${listingId}` })).toEqual({
          ok: true,
        });
        const reserved = collect(socket, 'stock.reserved');
        const buyer = await registerUser(b.app);

        expect(
          (await request(b.app).post('/api/v1/cart/items').set(buyer.auth).send({ listingId, quantity: 2 })).status,
        ).toBe(201);
        await vi.waitFor(() => expect(reserved).toHaveLength(1), { timeout: WAIT_MS, interval: 10 });
        await settle();
        expect(reserved).toEqual([expect.objectContaining({ listingId, available: 3 })]);
      });
    });
  });
});
