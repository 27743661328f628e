import type { Redis } from 'ioredis';
import { connectRedis } from '../../../src/adapters/redis/redis-connection.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryOutbox } from '../../../src/adapters/memory/shared/memory-outbox.js';
import {
  insertWithOutbox,
  MongoOutboxStore,
  replaceWithOutbox,
} from '../../../src/adapters/mongo/shared/mongo-outbox.js';
import { appendToOutbox, RedisOutboxStore } from '../../../src/adapters/redis/shared/redis-outbox.js';
import { envelopeWithId, type EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import type { OutboxStore, PendingEvents } from '../../../src/application/shared/outbox/outbox.js';
import { ManualClock } from '../../../src/adapters/memory/shared/manual-clock.js';
import { useMongoDatabase } from '../../support/mongo.js';
import { describeWithService, uniqueName } from '../../support/real-services.js';

const clock = new ManualClock(new Date('2026-05-01T10:00:00.000Z'));
const event = (id: string, listingId = 'l1'): EventEnvelope =>
  envelopeWithId(id, 'stock.updated', { listingId, available: 1, quantityOnHand: 2 }, clock);
const ids = (claims: { events: EventEnvelope[] }[]) => claims.flatMap((c) => c.events.map((e) => e.id));
const LEASE = 5_000;

interface OutboxUnderTest {
  store: OutboxStore;
  /** Stores `events` for aggregate `key` as that store's writers do. */
  write(key: string, events: PendingEvents): Promise<void>;
}

function outboxStoreContract(title: string, create: () => Promise<OutboxUnderTest>): void {
  describe(`OutboxStore contract: ${title}`, () => {
    let subject: OutboxUnderTest;
    const now = () => clock.now();
    beforeEach(async () => {
      subject = await create();
    });

    it('gives each aggregate its events in the order they were written', async () => {
      await subject.write('a', [event('e1'), event('e2')]);
      await subject.write('b', [event('e3')]);
      await subject.write('a', [event('e4')]);
      const claims = await subject.store.claim('relay-1', now(), LEASE, 10);
      const a = ids(claims).filter((id) => id !== 'e3');
      expect(a).toEqual(['e1', 'e2', 'e4']);
      expect(ids(claims).sort()).toEqual(['e1', 'e2', 'e3', 'e4']);
      expect(claims.flatMap((c) => c.events).find((e) => e.id === 'e1')).toEqual(event('e1'));
    });

    it('holds a claim for its owner: another relay gets nothing until the lease expires, then takes it over', async () => {
      await subject.write('a', [event('e1')]);
      expect(ids(await subject.store.claim('relay-1', now(), LEASE, 10))).toEqual(['e1']);
      expect(await subject.store.claim('relay-2', now(), LEASE, 10)).toEqual([]);
      const later = new Date(now().getTime() + LEASE + 1);
      expect(ids(await subject.store.claim('relay-2', later, LEASE, 10))).toEqual(['e1']);
    });

    it('done removes only the published events; the rest comes back in order', async () => {
      await subject.write('a', [event('e1'), event('e2'), event('e3')]);
      const [claim] = await subject.store.claim('relay-1', now(), LEASE, 10);
      await subject.store.done('relay-1', claim!, 1);
      expect(ids(await subject.store.claim('relay-1', now(), LEASE, 10))).toEqual(['e2', 'e3']);
    });

    it('done with everything published leaves nothing, and events written later are claimed next', async () => {
      await subject.write('a', [event('e1')]);
      const [claim] = await subject.store.claim('relay-1', now(), LEASE, 10);
      await subject.write('a', [event('e2')]);
      await subject.store.done('relay-1', claim!, 1);
      expect(ids(await subject.store.claim('relay-1', now(), LEASE, 10))).toEqual(['e2']);
    });

    it('stats count the pending events and date the oldest', async () => {
      expect(await subject.store.stats()).toEqual({ depth: 0, oldest: null });
      await subject.write('a', [event('e1'), event('e2')]);
      await subject.write('b', [event('e3', 'l2')]);
      expect(await subject.store.stats()).toEqual({ depth: 3, oldest: clock.now() });
    });

    it('claims at most `limit` aggregates at a time', async () => {
      for (const key of ['a', 'b', 'c']) await subject.write(key, [event(`e-${key}`)]);
      const claims = await subject.store.claim('relay-1', now(), LEASE, 2);
      expect(ids(claims)).toHaveLength(2);
    });
  });
}

outboxStoreContract('memory', async () => {
  const store = new MemoryOutbox();
  return { store, write: async (key, events) => store.append(key, events) };
});

describeWithService('MONGO_URL', 'MongoOutboxStore', (url) => {
  const db = useMongoDatabase(url, 'uty_outbox');
  let n = 0;
  outboxStoreContract('mongo', async () => {
    const collection = db().collection<{ _id: string; version: number }>(`docs_${++n}`);
    const store = new MongoOutboxStore(collection as never);
    await store.ensureIndexes();
    return {
      store,
      write: async (key, events) => {
        const existing = await collection.findOne({ _id: key });
        if (!existing) await collection.insertOne(insertWithOutbox({ _id: key, version: 1 }, events));
        else
          await collection.updateOne(
            { _id: key, version: existing.version },
            replaceWithOutbox({ _id: key, version: existing.version + 1 }, events),
          );
      },
    };
  });
});

describeWithService('REDIS_URL', 'RedisOutboxStore', (url) => {
  let redis: Redis;
  beforeAll(async () => {
    redis = await connectRedis(url, () => undefined);
  });
  afterAll(async () => {
    const keys = await redis.keys('uty_outbox_test_*');
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });
  outboxStoreContract('redis', async () => {
    const prefix = `${uniqueName('uty_outbox_test')}:`;
    const store = new RedisOutboxStore(redis, prefix);
    return {
      store,
      write: async (key, events) => {
        await appendToOutbox(redis.multi().set(`${prefix}state:${key}`, 'x'), prefix, key, events).exec();
      },
    };
  });
});
