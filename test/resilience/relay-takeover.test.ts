import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { SystemClock } from '../../src/adapters/system/system-clock.js';
import { registerUser, type SignedIn } from '../support/http-helpers.js';
import { describeWithService } from '../support/real-services.js';
import { realStack, type RealStack } from '../support/real-stack.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { startAppProcess, type AppProcess } from './app-process.js';
import { openShop, OrderWatch, outboxDrained, withMongoPool } from './purchases.js';

const LEASE_MS = 3_000;
const ORDERS = 20;
const address = { name: 'Ada', line1: '1 rue de la Paix', city: 'Paris', postalCode: '75001', country: 'FR' };

/**
 * Two instances on MongoDB + Redis + RabbitMQ: A (its own process, src/main.ts) and B (in this
 * process). A takes orders while its link to RabbitMQ is stalled, so its relay claims their events
 * and hangs publishing them; A is then killed (SIGKILL) while it holds those leases. B publishes
 * them once the leases expire: nothing is lost, and no event is written twice.
 */
describeWithService('MONGO_URL', 'outbox relay takeover', (mongoUrl) => {
  describeWithService('REDIS_URL', 'on Redis', (redisUrl) => {
    describeWithService('AMQP_URL', 'and RabbitMQ', (amqpUrl) => {
      let stack: RealStack;
      let proxyA: TcpProxy;
      let watch: OrderWatch;
      let b: TestApp;
      let a: AppProcess | undefined;

      beforeAll(async () => {
        stack = realStack(
          { mongoUrl: withMongoPool(mongoUrl), redisUrl, amqpUrl },
          { OUTBOX_RELAY_LEASE_MS: String(LEASE_MS) },
        );
        proxyA = await TcpProxy.forUrl(amqpUrl);
        watch = await OrderWatch.start(amqpUrl, stack.env);
        // Leases are compared with the time of day: B runs on the system clock, as A does.
        b = await createTestApp(stack.env, { clock: new SystemClock() });
      });
      afterAll(async () => {
        await a?.kill();
        await watch?.close();
        await b?.close();
        await stack?.cleanup();
        await proxyA?.close();
      });

      /** How many outbox leases the process `pid` holds: Redis stream lease, MongoDB documents. */
      async function leasesHeldBy(pid: number): Promise<number> {
        const owner = new RegExp(`:${pid}:`);
        const redis = new Redis(redisUrl);
        const mongo = await MongoClient.connect(mongoUrl);
        try {
          const redisLease = await redis.hget(`${stack.env.REDIS_KEY_PREFIX}outbox:lease`, 'owner');
          const db = mongo.db(stack.env.MONGO_DB);
          const collections = await db.listCollections({}, { nameOnly: true }).toArray();
          const counts = await Promise.all(
            collections.map(({ name }) =>
              db.collection(name).countDocuments({ 'outboxLease.owner': { $regex: owner.source } }),
            ),
          );
          return (redisLease && owner.test(redisLease) ? 1 : 0) + counts.reduce((sum, n) => sum + n, 0);
        } finally {
          redis.disconnect();
          await mongo.close();
        }
      }

      it('a killed instance holding leases: the other publishes its entries after the lease, nothing lost', async () => {
        const { listingId } = await openShop(b, 100);
        const buyers: SignedIn[] = [];
        for (let i = 0; i < ORDERS; i++) {
          const buyer = await registerUser(b.app);
          expect(
            (await request(b.app).post('/api/v1/cart/items').set(buyer.auth).send({ listingId, quantity: 1 })).status,
          ).toBe(201);
          buyers.push(buyer);
        }
        await outboxDrained(b.container);
        a = await startAppProcess({ ...stack.env, AMQP_URL: proxyA.urlFor(amqpUrl) });

        proxyA.freeze(); // A's publishes now wait for confirms that never come
        const orders = await Promise.all(
          buyers.map(async (buyer, i) => {
            const res = await request(a!.baseUrl)
              .post('/api/v1/orders')
              .set(buyer.auth)
              .set('Idempotency-Key', `takeover-${i}`)
              .send({ shippingAddress: address });
            expect(res.status, JSON.stringify(res.body)).toBe(201);
            return res.body.id as string;
          }),
        );
        const pid = a.child.pid!;
        await vi.waitFor(async () => expect(await leasesHeldBy(pid)).toBeGreaterThan(0), {
          timeout: 5_000,
          interval: 50,
        });
        expect(watch.missing(orders).length).toBeGreaterThan(0);
        await a.kill();

        await vi.waitFor(() => expect(watch.missing(orders)).toEqual([]), {
          timeout: LEASE_MS + 20_000,
          interval: 100,
        });
        await outboxDrained(b.container, LEASE_MS + 20_000);
        expect(await leasesHeldBy(pid)).toBe(0);
        expect(watch.writtenTwice()).toEqual([]);
      }, 120_000);
    });
  });
});
