import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeWithService } from '../support/real-services.js';
import { realStack, type RealStack } from '../support/real-stack.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { openShop, OrderWatch, outboxDrained, purchase, withMongoPool, type Purchase } from './purchases.js';

const PURCHASES = 300;
const STOCK = 400;
/** A purchase starts every PACE_MS, so that they span the cut. */
const PACE_MS = 50;
const CUT_AFTER_MS = 2_500;
const CUT_MS = 10_000;

/**
 * The broker outage of issue 11 on MongoDB + Redis + RabbitMQ: the app reaches RabbitMQ through
 * a TCP proxy that the test cuts for 10 s (every connection destroyed, new ones refused) while
 * 300 new users buy. Commands keep succeeding (their events wait in the outbox), /readyz says
 * degraded, and once the proxy is back every order's `order.created` reaches a consumer.
 */
describeWithService('MONGO_URL', 'broker outage during purchases', (mongoUrl) => {
  describeWithService('REDIS_URL', 'on Redis', (redisUrl) => {
    describeWithService('AMQP_URL', 'and RabbitMQ behind a proxy', (amqpUrl) => {
      let proxy: TcpProxy;
      let stack: RealStack;
      let watch: OrderWatch;
      let t: TestApp;

      beforeAll(async () => {
        proxy = await TcpProxy.forUrl(amqpUrl);
        stack = realStack({ mongoUrl: withMongoPool(mongoUrl), redisUrl, amqpUrl: proxy.urlFor(amqpUrl) });
        watch = await OrderWatch.start(amqpUrl, stack.env);
        t = await createTestApp(stack.env);
      });
      afterAll(async () => {
        await watch?.close();
        await t?.close();
        await stack?.cleanup();
        await proxy?.close();
      });

      const readiness = async () => {
        const res = await request(t.app).get('/readyz');
        return { status: res.status, body: res.body as { status: string; backends: Record<string, string> } };
      };

      it('cut 10 s during 300 purchases: no 5xx, /readyz degraded then ready, every order.created delivered, the first within 5 s of the return', async () => {
        const { listingId } = await openShop(t, STOCK);
        const run = `outage-${Date.now().toString(36)}`;
        const purchases: Promise<Purchase>[] = Array.from({ length: PURCHASES }, (_, i) =>
          sleep(i * PACE_MS).then(() => purchase(t.app, listingId, `${run}-${i}`)),
        );

        await sleep(CUT_AFTER_MS);
        proxy.cut();
        const cutAt = Date.now();
        const duringCut: Awaited<ReturnType<typeof readiness>>[] = [];
        await sleep(1_000);
        while (Date.now() - cutAt < CUT_MS - 500) {
          duringCut.push(await readiness());
          await sleep(1_000);
        }
        await sleep(CUT_MS - (Date.now() - cutAt));
        proxy.restore();
        const back = Date.now();

        const done = await Promise.all(purchases);
        expect(done.filter((p) => p.statuses.some((status) => status >= 500)).map((p) => p.failure)).toEqual([]);
        expect(done.filter((p) => !p.orderId).map((p) => p.failure)).toEqual([]);
        const ordered = done.map((p) => p.orderId!);
        const orderedDuringCut = done.filter((p) => p.orderedAt! >= cutAt && p.orderedAt! < back);
        expect(orderedDuringCut.length).toBeGreaterThan(50);

        expect(duringCut.length).toBeGreaterThanOrEqual(4);
        for (const answer of duringCut) {
          expect(answer).toEqual({
            status: 200,
            body: { status: 'degraded', backends: { mongodb: 'ok', redis: 'ok', rabbitmq: 'down' } },
          });
        }

        await vi.waitFor(() => expect(watch.missing(ordered)).toEqual([]), { timeout: 60_000, interval: 100 });
        const first = watch.firstAfter(back);
        expect(first).toBeDefined();
        expect(first! - back).toBeLessThan(5_000);
        expect(watch.writtenTwice()).toEqual([]);

        await vi.waitFor(
          async () =>
            expect(await readiness()).toEqual({
              status: 200,
              body: { status: 'ready', backends: { mongodb: 'ok', redis: 'ok', rabbitmq: 'ok' } },
            }),
          { timeout: 5_000, interval: 100 },
        );
        await outboxDrained(t.container, 60_000);
      }, 180_000);
    });
  });
});
