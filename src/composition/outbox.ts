import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Container } from 'inversify';
import type { Redis } from 'ioredis';
import type { Db } from 'mongodb';
import { EventBus } from '../application/shared/events/event-bus.js';
import { EventFactory, EventFactoryToken } from '../application/shared/events/event-factory.js';
import { OutboxSignal, OutboxSignalToken, OutboxStore } from '../application/shared/outbox/outbox.js';
import { OutboxRelay, OutboxRelayToken } from '../application/shared/outbox/outbox-relay.js';
import { Clock } from '../application/shared/ports/clock.js';
import { IdGenerator } from '../application/shared/ports/id-generator.js';
import { MemoryOutbox, MemoryOutboxToken } from '../adapters/memory/shared/memory-outbox.js';
import { MongoOutboxStore } from '../adapters/mongo/shared/mongo-outbox.js';
import { MongoDbToken } from '../adapters/mongo/mongo-connection.js';
import { RedisOutboxStore } from '../adapters/redis/shared/redis-outbox.js';
import { RedisKeyPrefix, RedisToken } from '../adapters/redis/redis-connection.js';
import type { Logger } from '../adapters/platform/logger.js';
import type { Runtime } from '../adapters/platform/runtime.js';

export { OutboxRelayToken };

export interface OutboxSettings {
  relayLeaseMs: number;
  relayIdleMs: number;
  /** How long shutdown lets the relay publish what is pending. */
  drainMs: number;
}

/**
 * The outbox every store writes its events to: the memory outbox (always there, for the memory
 * adapters), the Redis stream when Redis is configured; the MongoDB repositories register a
 * store per collection with mongoOutboxStore(). Binds the EventFactory use cases build events with.
 */
export function bindOutbox(container: Container): void {
  const signal = new OutboxSignal();
  container.bind(OutboxSignalToken).toConstantValue(signal);
  const memory = new MemoryOutbox(signal);
  container.bind(MemoryOutboxToken).toConstantValue(memory);
  container.bind<OutboxStore>(OutboxStore).toConstantValue(memory);
  if (container.isBound(RedisToken)) {
    const redis = new RedisOutboxStore(container.get<Redis>(RedisToken), container.get<string>(RedisKeyPrefix), signal);
    container.bind(RedisOutboxStore).toConstantValue(redis);
    container.bind<OutboxStore>(OutboxStore).toConstantValue(redis);
  }
  container
    .bind(EventFactoryToken)
    .toResolvedValue((ids: IdGenerator, clock: Clock) => new EventFactory(ids, clock), [IdGenerator, Clock]);
}

/** The outbox of one MongoDB collection, registered with the relay; its indexes are made here. */
export async function mongoOutboxStore(container: Container, collection: string): Promise<MongoOutboxStore> {
  const store = new MongoOutboxStore(
    container.get<Db>(MongoDbToken).collection(collection),
    container.get<OutboxSignal>(OutboxSignalToken),
  );
  await store.ensureIndexes();
  container.bind<OutboxStore>(OutboxStore).toConstantValue(store);
  return store;
}

/** Starts the relay once every store is registered and the bus is started; shutdown drains it first. */
export function startOutboxRelay(
  container: Container,
  runtime: Runtime,
  logger: Logger,
  settings: OutboxSettings,
): OutboxRelay {
  const stores = container.getAll<OutboxStore>(OutboxStore);
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const relay = new OutboxRelay(
    stores,
    container.get<EventBus>(EventBus),
    container.get<Clock>(Clock),
    { owner, leaseMs: settings.relayLeaseMs, idleMs: settings.relayIdleMs },
    container.get<OutboxSignal>(OutboxSignalToken),
    logger.child({ component: 'outbox-relay' }),
  );
  container.bind(OutboxRelayToken).toConstantValue(relay);
  relay.start();
  runtime.onShutdown('outbox-relay', () => relay.stop(settings.drainMs));
  return relay;
}
