import { afterAll, expect, it } from 'vitest';
import { DEMO_BOTS } from '../../../src/adapters/demo/demo-accounts.js';
import { DEMO_ACCOUNTS, type DemoCast } from '../../../src/adapters/demo/demo-cast.js';
import { DemoSeeder } from '../../../src/adapters/demo/demo-seeder.js';
import { demoDepsOf } from '../../../src/composition/demo.js';
import { describeWithService } from '../../support/real-services.js';
import { realStack } from '../../support/real-stack.js';
import { createTestApp } from '../../support/test-app.js';
import { demoInventory, type DemoInventory } from './demo-inventory.js';

/** One instance seeds MongoDB, Redis and RabbitMQ, and stops; the next one, on the same stores, adds nothing. */
describeWithService('MONGO_URL', 'the demo seed across a restart', (mongoUrl) => {
  describeWithService('REDIS_URL', 'with Redis', (redisUrl) => {
    describeWithService('AMQP_URL', 'and RabbitMQ', (amqpUrl) => {
      const stack = realStack({ mongoUrl, redisUrl, amqpUrl });
      afterAll(() => stack.cleanup());

      /** An instance's seed and what the stores then hold; the instance is closed before answering. */
      const seedOnce = async (): Promise<{ cast: DemoCast; inventory: DemoInventory }> => {
        const t = await createTestApp(stack.env);
        try {
          const cast = await new DemoSeeder(demoDepsOf(t.container)).seed();
          return { cast, inventory: await demoInventory(t.app, cast) };
        } finally {
          await t.close();
        }
      };

      it('finds the first seed after a restart: the same cast, no account, category or listing twice', async () => {
        const first = await seedOnce();
        expect(first.inventory.listingIds.length).toBeGreaterThanOrEqual(30);
        expect(first.inventory.userIds.length).toBe(DEMO_ACCOUNTS.length + DEMO_BOTS.length);
        const second = await seedOnce();
        expect(second.cast).toEqual(first.cast);
        expect(second.inventory).toEqual(first.inventory);
      }, 60_000);
    });
  });
});
