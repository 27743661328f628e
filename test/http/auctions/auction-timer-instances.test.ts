import type { Db } from 'mongodb';
import request from 'supertest';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import { MongoDbToken } from '../../../src/adapters/mongo/mongo-connection.js';
import { ManualClock } from '../../../src/adapters/memory/shared/manual-clock.js';
import { auctionWorld, euros, type AuctionWorld } from '../../support/auction-helpers.js';
import { registerUser, type SignedIn } from '../../support/http-helpers.js';
import { describeWithService } from '../../support/real-services.js';
import { realStack } from '../../support/real-stack.js';
import { recordEvents } from '../../support/recorded-events.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

const AUCTIONS = 100;
const ended = (events: EventEnvelope[]) => events.filter((e) => e.topic === 'auction.ended');

/**
 * Two app instances in one process on the same MongoDB, Redis and RabbitMQ, sharing one manual
 * clock, each with its own timer (every 50 ms): every auction is closed by exactly one of them.
 */
describeWithService('MONGO_URL', 'auction timer across instances', (mongoUrl) => {
  describeWithService('REDIS_URL', 'on Redis', (redisUrl) => {
    describeWithService('AMQP_URL', 'and RabbitMQ', (amqpUrl) => {
      const stack = realStack({ mongoUrl, redisUrl, amqpUrl }, { AUCTION_TIMER_INTERVAL_MS: '50' });
      const clock = new ManualClock(new Date());
      let a: TestApp;
      let b: TestApp;
      let w: AuctionWorld;
      let buyer: SignedIn;
      const started: TestApp[] = [];
      const start = async () => {
        const app = await createTestApp(stack.env, { clock });
        started.push(app);
        return app;
      };
      const orders = (auctionIds: string[]) =>
        a.container
          .get<Db>(MongoDbToken)
          .collection('orders')
          .find({ auctionId: { $in: auctionIds } })
          .toArray();

      beforeAll(async () => {
        a = await start();
        b = await start();
        w = await auctionWorld(a);
        buyer = await registerUser(a.app);
      }, 60_000);
      afterAll(async () => {
        for (const app of started) await app.close();
        await stack.cleanup();
      });

      it(`${AUCTIONS} auctions ending in the same second: exactly ${AUCTIONS} auction.ended and ${AUCTIONS} orders, none twice`, async () => {
        const listings: string[] = [];
        // Set-up in batches: a burst of 100 listings through the outbox and the broker can outlast the wait on
        // FerretDB.
        for (let i = 0; i < AUCTIONS; i += 20)
          listings.push(...(await Promise.all(Array.from({ length: 20 }, () => w.listing(1)))));
        const endsAt = new Date(Math.ceil((clock.now().getTime() + 5 * 60_000) / 1000) * 1000);
        const ids: string[] = [];
        for (const [i, listingId] of listings.entries()) {
          const via = i % 2 === 0 ? a : b;
          const at = new Date(endsAt.getTime() + (i % 10) * 90).toISOString(); // all within one second
          const res = await request(via.app)
            .post('/api/v1/auctions')
            .set(w.seller.auth)
            .send({ listingId, startingPrice: euros(1_000), minIncrement: euros(100), endsAt: at });
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          ids.push(res.body.id as string);
          expect(
            (
              await request((i % 2 === 0 ? b : a).app)
                .post(`/api/v1/auctions/${res.body.id as string}/bids`)
                .set(buyer.auth)
                .send({ price: euros(1_000 + i) })
            ).status,
          ).toBe(201);
        }
        const events = [recordEvents(a.container), recordEvents(b.container)];
        clock.set(new Date(endsAt.getTime() + 1_000));
        await vi.waitFor(async () => expect(await orders(ids)).toHaveLength(AUCTIONS), {
          timeout: 20_000,
          interval: 100,
        });
        await new Promise((resolve) => setTimeout(resolve, 500)); // a second close would show up by now
        const all = events.flat();
        expect(ended(all)).toHaveLength(AUCTIONS);
        expect(new Set(ended(all).map((e) => (e.payload as { auctionId: string }).auctionId))).toEqual(new Set(ids));
        const made = await orders(ids);
        expect(made).toHaveLength(AUCTIONS);
        expect(new Set(made.map((o) => o.auctionId as string))).toEqual(new Set(ids));
        expect(made.every((o) => o.buyerId === buyer.id && o.status === 'pending_payment')).toBe(true);
        process.stderr.write(
          `auction.ended published by instance A: ${ended(events[0]!).length}, by instance B: ${ended(events[1]!).length}\n`,
        );
      }, 60_000);

      it('an instance stopped mid-auction and a new one started: the new one closes it on time', async () => {
        const old = await start();
        const listingId = await w.listing(1);
        const endsAt = new Date(clock.now().getTime() + 3 * 60_000);
        const res = await request(old.app)
          .post('/api/v1/auctions')
          .set(w.seller.auth)
          .send({ listingId, startingPrice: euros(1_000), minIncrement: euros(100), endsAt: endsAt.toISOString() });
        expect(res.status).toBe(201);
        const auctionId = res.body.id as string;
        expect(
          (
            await request(old.app)
              .post(`/api/v1/auctions/${auctionId}/bids`)
              .set(buyer.auth)
              .send({ price: euros(1_500) })
          ).status,
        ).toBe(201);
        await a.close();
        await b.close();
        await old.close();
        const fresh = await start();
        const events = recordEvents(fresh.container);
        clock.set(endsAt);
        const reachedEnd = Date.now();
        await vi.waitFor(
          () => expect(ended(events).map((e) => (e.payload as { auctionId: string }).auctionId)).toEqual([auctionId]),
          { timeout: 5_000, interval: 20 },
        );
        expect(Date.now() - reachedEnd).toBeLessThan(1_000);
        expect(ended(events)[0]?.payload).toMatchObject({ winnerId: buyer.id, finalPrice: euros(1_500) });
        // the winner is named to the seller
        const auction = await request(fresh.app).get(`/api/v1/auctions/${auctionId}`).set(w.seller.auth);
        expect(auction.body).toMatchObject({ status: 'ended', winnerId: buyer.id });
        await vi.waitFor(
          async () =>
            expect(await fresh.container.get<Db>(MongoDbToken).collection('orders').countDocuments({ auctionId })).toBe(
              1,
            ),
          { timeout: 5_000, interval: 50 },
        );
      }, 60_000);
    });
  });
});
