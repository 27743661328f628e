import type { Db } from 'mongodb';
import request from 'supertest';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { StockLedger } from '../../../src/application/cart/ports/stock-ledger.js';
import type { EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import { MongoDbToken } from '../../../src/adapters/mongo/mongo-connection.js';
import { ManualClock } from '../../../src/adapters/memory/shared/manual-clock.js';
import { auctionWorld, type AuctionWorld } from '../../support/auction-helpers.js';
import { registerUser } from '../../support/http-helpers.js';
import { describeWithService } from '../../support/real-services.js';
import { realStack } from '../../support/real-stack.js';
import { recordEvents } from '../../support/recorded-events.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { refundsAndDeadlinesSuite } from './refunds-and-deadlines.js';

const ORDERS = 20;
const address = { name: 'Ada', line1: '1 rue', city: 'Paris', postalCode: '75001', country: 'FR' };
const cancelledEvents = (events: EventEnvelope[]) => events.filter((e) => e.topic === 'order.cancelled');

/**
 * Two app instances in one process on the same MongoDB, Redis and RabbitMQ, sharing one manual
 * clock, each with its own payment-deadline sweeper (every 100 ms): every unpaid order is cancelled
 * by exactly one of them, its stock back once.
 */
describeWithService('MONGO_URL', 'payment deadline across instances', (mongoUrl) => {
  describeWithService('REDIS_URL', 'on Redis', (redisUrl) => {
    describeWithService('AMQP_URL', 'and RabbitMQ', (amqpUrl) => {
      const stack = realStack({ mongoUrl, redisUrl, amqpUrl }, { ORDER_SWEEP_INTERVAL_MS: '100' });
      const clock = new ManualClock(new Date());
      let a: TestApp;
      let b: TestApp;
      let w: AuctionWorld;

      beforeAll(async () => {
        a = await createTestApp(stack.env, { clock });
        b = await createTestApp(stack.env, { clock });
        w = await auctionWorld(a);
      }, 60_000);
      afterAll(async () => {
        await a.close();
        await b.close();
        await stack.cleanup();
      });

      it(`${ORDERS} unpaid orders past their payBy: each cancelled once (payment_timeout), one order.cancelled each, the stock all back`, async () => {
        const listingId = await w.listing(ORDERS);
        const ids = await Promise.all(
          Array.from({ length: ORDERS }, async (_, i) => {
            const via = i % 2 === 0 ? a : b;
            const buyer = await registerUser(via.app);
            expect(
              (await request(via.app).post('/api/v1/cart/items').set(buyer.auth).send({ listingId, quantity: 1 }))
                .status,
            ).toBe(201);
            const created = await request(via.app)
              .post('/api/v1/orders')
              .set(buyer.auth)
              .set('Idempotency-Key', `deadline-${i}-key`)
              .send({ shippingAddress: address });
            expect(created.status, JSON.stringify(created.body)).toBe(201);
            return created.body.id as string;
          }),
        );
        const ledger = a.container.get<StockLedger>(StockLedger);
        expect(await ledger.level(listingId)).toMatchObject({ onHand: 0 });
        const events = [recordEvents(a.container), recordEvents(b.container)];
        const orders = a.container.get<Db>(MongoDbToken).collection('orders');
        clock.advance(1800 * 1000);
        await vi.waitFor(
          async () =>
            expect(await orders.countDocuments({ _id: { $in: ids as never[] }, status: 'cancelled' })).toBe(ORDERS),
          { timeout: 20_000, interval: 100 },
        );
        await vi.waitFor(
          async () => expect(await ledger.level(listingId)).toMatchObject({ onHand: ORDERS, available: ORDERS }),
          { timeout: 20_000, interval: 100 },
        );
        // The relays publish each order's outbox (order.cancelled) on whichever instance claims it.
        await vi.waitFor(() => expect(cancelledEvents(events.flat()).length).toBeGreaterThanOrEqual(ORDERS), {
          timeout: 30_000,
          interval: 100,
        });
        await new Promise((resolve) => setTimeout(resolve, 1000)); // a second cancel would show up by now
        const all = events.flat();
        const cancelled = cancelledEvents(all);
        expect(cancelled).toHaveLength(ORDERS);
        expect(new Set(cancelled.map((e) => (e.payload as { orderId: string }).orderId))).toEqual(new Set(ids));
        expect(
          cancelled.every((e) => (e.payload as { cancelReason?: string }).cancelReason === 'payment_timeout'),
        ).toBe(true);
        const stored = await orders.find({ _id: { $in: ids as never[] } }).toArray();
        expect(stored.every((o) => o.cancelReason === 'payment_timeout')).toBe(true);
        expect(await ledger.level(listingId)).toMatchObject({ onHand: ORDERS, reserved: 0, available: ORDERS });
        process.stderr.write(
          `order.cancelled published by instance A: ${cancelledEvents(events[0]!).length}, by instance B: ${cancelledEvents(events[1]!).length}\n`,
        );
      }, 90_000);
    });
  });
});

describeWithService('MONGO_URL', 'HTTP refunds and payment deadlines on the real stack', (mongoUrl) => {
  describeWithService('REDIS_URL', 'on Redis', (redisUrl) => {
    describeWithService('AMQP_URL', 'and RabbitMQ', (amqpUrl) => {
      const stack = realStack({ mongoUrl, redisUrl, amqpUrl });
      afterAll(() => stack.cleanup());
      refundsAndDeadlinesSuite(stack.env);
    });
  });
});
