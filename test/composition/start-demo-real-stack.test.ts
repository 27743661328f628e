import request from 'supertest';
import { afterAll, expect, it } from 'vitest';
import { SystemClock } from '../../src/adapters/system/system-clock.js';
import { DEMO_PASSWORD } from '../../src/adapters/demo/demo-cast.js';
import { describeWithService } from '../support/real-services.js';
import { realStack } from '../support/real-stack.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** DEMO=true as `npm run demo` runs it, paced fast, on a real clock. */
const FAST_DEMO = {
  DEMO: 'true',
  DEMO_AUCTION_SECONDS: '30',
  DEMO_BOT_INTERVAL_MS: '400',
  DEMO_COURIER_INTERVAL_MS: '300',
  TRACKING_MIN_PERIOD_S: '0',
};

interface Auction {
  id: string;
  bidCount: number;
}

async function liveAuctions(t: TestApp): Promise<Auction[]> {
  return (await request(t.app).get('/api/v1/auctions?status=live').expect(200)).body.items as Auction[];
}

async function courierTrack(t: TestApp): Promise<{ id: string; points: number } | undefined> {
  const login = await request(t.app)
    .post('/api/v1/auth/login')
    .send({ email: 'courier1@demo.uty', password: DEMO_PASSWORD })
    .expect(200);
  const auth = { Authorization: `Bearer ${login.body.accessToken as string}` };
  const list = await request(t.app).get('/api/v1/deliveries?status=in_transit').set(auth).expect(200);
  const delivery = (list.body.items as { id: string }[])[0];
  if (!delivery) return undefined;
  const one = await request(t.app).get(`/api/v1/deliveries/${delivery.id}`).set(auth).expect(200);
  return { id: delivery.id, points: (one.body.track as unknown[]).length };
}

async function listingCount(t: TestApp): Promise<number> {
  return ((await request(t.app).get('/api/v1/listings?limit=100').expect(200)).body.items as unknown[]).length;
}

/** The whole demo (seed, bots, courier) on MongoDB, Redis and RabbitMQ, and again after a restart. */
describeWithService('MONGO_URL', 'the demo on the real stack', (mongoUrl) => {
  describeWithService('REDIS_URL', 'with Redis', (redisUrl) => {
    describeWithService('AMQP_URL', 'and RabbitMQ', (amqpUrl) => {
      const stack = realStack({ mongoUrl, redisUrl, amqpUrl }, FAST_DEMO);
      afterAll(() => stack.cleanup());
      const start = () => createTestApp(stack.env, { clock: new SystemClock() });

      it('keeps an auction live with bot bids and a courier moving; a restart carries on and duplicates nothing', async () => {
        const first = await start();
        let listings: number;
        try {
          await expect
            .poll(async () => Math.max(0, ...(await liveAuctions(first)).map((a) => a.bidCount)), { timeout: 20_000 })
            .toBeGreaterThanOrEqual(2);
          const before = await courierTrack(first);
          expect(before).toBeDefined();
          await expect
            .poll(async () => (await courierTrack(first))?.points, { timeout: 10_000 })
            .toBeGreaterThan(before!.points);
          listings = await listingCount(first);
          expect(listings).toBeGreaterThanOrEqual(30);
        } finally {
          await first.close();
        }
        const second = await start();
        try {
          const live = await liveAuctions(second);
          expect(live.length).toBeGreaterThanOrEqual(1);
          expect(live.length).toBeLessThanOrEqual(2);
          // Only new auction lots may have been listed since: the seeded catalogue is found, not seeded again.
          expect(await listingCount(second)).toBeLessThanOrEqual(listings + 2);
          await expect
            .poll(async () => (await courierTrack(second))?.points ?? 0, { timeout: 10_000 })
            .toBeGreaterThan(0);
        } finally {
          await second.close();
        }
      }, 90_000);
    });
  });
});
