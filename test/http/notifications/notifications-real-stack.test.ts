import request from 'supertest';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { EventBus } from '../../../src/application/shared/events/event-bus.js';
import { registerUser, signInAdmin, verifiedSeller } from '../../support/http-helpers.js';
import { describeWithService } from '../../support/real-services.js';
import { realStack } from '../../support/real-stack.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

const WAIT = { timeout: 10_000, interval: 50 };

/** The inbox on MongoDB, fed by the notifications consumer's RabbitMQ queue, deduplicated by event id. */
describeWithService('MONGO_URL', 'notifications on the real stack', (mongoUrl) => {
  describeWithService('REDIS_URL', 'with Redis', (redisUrl) => {
    describeWithService('AMQP_URL', 'and RabbitMQ', (amqpUrl) => {
      let t: TestApp;
      const stack = realStack({ mongoUrl, redisUrl, amqpUrl });
      beforeAll(async () => {
        t = await createTestApp(stack.env);
      });
      afterAll(async () => {
        await t?.close();
        await stack.cleanup();
      });

      it('a KYC approval lands in the inbox, and can be marked read', async () => {
        const seller = await verifiedSeller(t.app, await signInAdmin(t.app));
        let id = '';
        await vi.waitFor(async () => {
          const items = (await request(t.app).get('/api/v1/notifications').set(seller.auth)).body.items;
          expect(items).toEqual([expect.objectContaining({ type: 'kyc.approved', readAt: null })]);
          id = items[0].id;
        }, WAIT);
        const read = await request(t.app).post(`/api/v1/notifications/${id}/read`).set(seller.auth);
        expect(read.status).toBe(200);
        expect((await request(t.app).get('/api/v1/notifications?unread=true').set(seller.auth)).body.items).toEqual([]);
      });

      it('an event delivered again is stored once', async () => {
        const user = await registerUser(t.app);
        const bus = t.container.get<EventBus>(EventBus);
        const event = await bus.publish('notification.send', {
          userId: user.id,
          type: 'test.message',
          title: 'Once',
          body: 'b',
        });
        await bus.publishEnvelope(event);
        const marker = await bus.publish('notification.send', {
          userId: user.id,
          type: 'test.marker',
          title: 'After',
          body: 'b',
        });
        await vi.waitFor(async () => {
          const items = (await request(t.app).get('/api/v1/notifications').set(user.auth)).body.items;
          expect(items.map((n: { id: string }) => n.id).sort()).toEqual([event.id, marker.id].sort());
        }, WAIT);
      });
    });
  });
});
