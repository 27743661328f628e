import { connect, type Channel, type ChannelModel } from 'amqplib';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InProcessEventBus, type DeadLetter } from '../../src/adapters/memory/shared/in-process-event-bus.js';
import { ManualClock } from '../../src/adapters/memory/shared/manual-clock.js';
import { MemoryHandledEventLog } from '../../src/adapters/memory/shared/memory-handled-event-log.js';
import { SequentialIdGenerator } from '../../src/adapters/memory/shared/sequential-id-generator.js';
import rascal from 'rascal';
import { rascalConfig, rascalNames, vhostOf, type RascalNames } from '../../src/adapters/rabbitmq/rascal-config.js';
import { RascalEventBus, type EventBusLogger } from '../../src/adapters/rabbitmq/rascal-event-bus.js';
import { RedisHandledEventLog } from '../../src/adapters/redis/shared/redis-handled-event-log.js';
import type { Topic } from '../../src/application/shared/events/catalogue.js';
import type { Subscription } from '../../src/application/shared/events/event-bus.js';
import type { HandledEventLog } from '../../src/application/shared/events/handled-event-log.js';
import { describeWithService, uniqueName } from '../support/real-services.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import {
  eventBusContract,
  eventually,
  orderPaid,
  recorder,
  retryDelaysMs,
  type EventBusHarnessDeps,
} from './event-bus.contract.js';

const deps = (): EventBusHarnessDeps => ({
  ids: new SequentialIdGenerator(uniqueName('evt')),
  clock: new ManualClock(),
  retryDelaysMs,
});

eventBusContract('InProcessEventBus', async ({ ids, clock, retryDelaysMs: delays }) => {
  const bus = new InProcessEventBus(ids, clock, new MemoryHandledEventLog(), { retryDelaysMs: delays });
  return {
    bus,
    deadLetterIds: async (consumer) =>
      bus
        .deadLetters()
        .filter((letter) => letter.consumer === consumer)
        .map((letter) => letter.envelope.id),
    teardown: () => bus.close(),
  };
});

describe('InProcessEventBus', () => {
  const create = (onDeadLetter?: (letter: DeadLetter) => void): InProcessEventBus => {
    const { ids, clock } = deps();
    return new InProcessEventBus(ids, clock, new MemoryHandledEventLog(), {
      retryDelaysMs,
      ...(onDeadLetter ? { onDeadLetter } : {}),
    });
  };

  it('runs handlers outside the publisher call, and drain() waits for them', async () => {
    const bus = create();
    const alpha = recorder();
    bus.subscribe({ consumer: 'alpha', topics: ['order.paid'], handler: alpha.handler });
    await bus.start();

    await bus.publish('order.paid', orderPaid('o-1'));
    expect(alpha.events).toHaveLength(0);
    await bus.drain();
    expect(alpha.events).toHaveLength(1);
  });

  it('keeps each dead letter with its consumer, envelope and error, and reports it', async () => {
    const reported: DeadLetter[] = [];
    const bus = create((letter) => reported.push(letter));
    const failure = new Error('boom');
    bus.subscribe({ consumer: 'flaky', topics: ['order.paid'], handler: async () => Promise.reject(failure) });
    await bus.start();

    const event = await bus.publish('order.paid', orderPaid('o-1'));
    await bus.drain();

    expect(bus.deadLetters()).toEqual([{ consumer: 'flaky', envelope: event, error: failure }]);
    expect(reported).toEqual(bus.deadLetters());
  });

  it('gives each handler its own copy of the event', async () => {
    const bus = create();
    const clean = recorder<'order.paid'>();
    bus.subscribe({
      consumer: 'vandal',
      topics: ['order.paid'],
      handler: async (event) => void (event.payload.orderId = 'changed'),
    });
    bus.subscribe({ consumer: 'clean', topics: ['order.paid'], handler: clean.handler });
    await bus.start();

    await bus.publish('order.paid', orderPaid('o-1'));
    await bus.drain();

    expect(clean.events[0]?.payload.orderId).toBe('o-1');
  });

  it('close() waits for handlers in flight, then refuses new events', async () => {
    const bus = create();
    let finished = false;
    bus.subscribe({
      consumer: 'slow',
      topics: ['order.paid'],
      handler: async () => new Promise((resolve) => setTimeout(() => resolve(void (finished = true)), 50)),
    });
    await bus.start();

    await bus.publish('order.paid', orderPaid('o-1'));
    await bus.close();

    expect(finished).toBe(true);
    await expect(bus.publish('order.paid', orderPaid('o-2'))).rejects.toThrow('closed');
  });
});

/** Remembers the consumer names, so that the test can delete their queues afterwards. */
class TrackedRascalEventBus extends RascalEventBus {
  readonly consumers = new Set<string>();

  override subscribe<T extends Topic>(subscription: Subscription<T>): void {
    super.subscribe(subscription);
    this.consumers.add(subscription.consumer);
  }
}

interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
}

function recordingLogger(lines: LogLine[]): EventBusLogger {
  return {
    info: (_context, message) => void lines.push({ level: 'info', message }),
    warn: (_context, message) => void lines.push({ level: 'warn', message }),
    error: (_context, message) => void lines.push({ level: 'error', message }),
  };
}

describeWithService('AMQP_URL', 'RascalEventBus', (url) => {
  let amqp: ChannelModel;
  let redis: Redis | undefined;

  beforeAll(async () => {
    amqp = await connect(url);
    if (process.env.REDIS_URL) redis = new Redis(process.env.REDIS_URL);
  });

  afterAll(async () => {
    await amqp.close();
    await redis?.quit();
  });

  /** The Redis log when REDIS_URL is set (its keys expire within a minute), else the memory one. */
  const handledLog = (): HandledEventLog =>
    redis
      ? new RedisHandledEventLog(redis, `${uniqueName('uty_test')}:`, { handledTtlSeconds: 60 })
      : new MemoryHandledEventLog();

  /** Reads (and removes) messages from a queue; their ids accumulate per queue. */
  const deadIds = new Map<string, string[]>();
  async function takeIds(channel: Channel, queue: string): Promise<string[]> {
    const taken = deadIds.get(queue) ?? [];
    for (
      let message = await channel.get(queue, { noAck: true });
      message;
      message = await channel.get(queue, { noAck: true })
    ) {
      taken.push(String(message.properties.messageId));
    }
    deadIds.set(queue, taken);
    return taken;
  }

  async function amqpQueue(queue: string): Promise<{ messageCount: number; consumerCount: number }> {
    const channel = await amqp.createChannel();
    const state = await channel.checkQueue(queue);
    await channel.close();
    return state;
  }

  async function deleteTopology(names: RascalNames, consumers: Iterable<string>): Promise<void> {
    const channel = await amqp.createChannel();
    for (const consumer of consumers) {
      await channel.deleteQueue(names.queue(consumer));
      await channel.deleteQueue(names.deadQueue(consumer));
    }
    await channel.deleteExchange(names.exchange);
    await channel.deleteExchange(names.deadLetterExchange);
    await channel.close();
  }

  function createBus(names: RascalNames, queuePrefix: string, logLines: LogLine[] = []): TrackedRascalEventBus {
    const { ids, clock } = deps();
    return new TrackedRascalEventBus(
      { url, exchange: names.exchange, queuePrefix, retryDelaysMs },
      ids,
      clock,
      handledLog(),
      recordingLogger(logLines),
    );
  }

  eventBusContract('RascalEventBus', async ({ ids, clock, retryDelaysMs: delays }) => {
    const queuePrefix = uniqueName('uty_test');
    const names = rascalNames(uniqueName('uty_test_events'), queuePrefix);
    const bus = new TrackedRascalEventBus(
      { url, exchange: names.exchange, queuePrefix, retryDelaysMs: delays },
      ids,
      clock,
      handledLog(),
    );
    const channel = await amqp.createChannel();
    return {
      bus,
      deadLetterIds: (consumer) => takeIds(channel, names.deadQueue(consumer)),
      teardown: async () => {
        await bus.close();
        await channel.close();
        await deleteTopology(names, bus.consumers);
      },
    };
  });

  describe('on RabbitMQ', () => {
    let queuePrefix: string;
    let names: RascalNames;
    let buses: TrackedRascalEventBus[];

    beforeEach(() => {
      queuePrefix = uniqueName('uty_test');
      names = rascalNames(uniqueName('uty_test_events'), queuePrefix);
      buses = [];
    });

    afterEach(async () => {
      for (const bus of buses) await bus.close();
      await deleteTopology(names, new Set(buses.flatMap((bus) => [...bus.consumers])));
    });

    const newBus = (logLines?: LogLine[]): TrackedRascalEventBus => {
      const bus = createBus(names, queuePrefix, logLines);
      buses.push(bus);
      return bus;
    };

    it('declares one durable queue per consumer name, shared by two app instances, and its dead-letter queue', async () => {
      const first = recorder();
      const second = recorder();
      const instanceA = newBus();
      const instanceB = newBus();
      instanceA.subscribe({ consumer: 'mailer', topics: ['order.paid'], handler: first.handler });
      instanceB.subscribe({ consumer: 'mailer', topics: ['order.paid'], handler: second.handler });
      await instanceA.start();
      await instanceB.start();

      const channel = await amqp.createChannel();
      expect(await channel.checkQueue(names.queue('mailer'))).toMatchObject({ consumerCount: 2 });
      expect(await channel.checkQueue(names.deadQueue('mailer'))).toMatchObject({ consumerCount: 0 });
      await channel.close();

      await Promise.all(Array.from({ length: 20 }, (_, i) => instanceA.publish('order.paid', orderPaid(`o-${i}`))));
      await eventually(() => expect(first.events.length + second.events.length).toBe(20));
      expect(first.events.length).toBeGreaterThan(0);
      expect(second.events.length).toBeGreaterThan(0);
    });

    it('dead-letters messages that are not valid envelopes, logs them, and keeps consuming', async () => {
      const logLines: LogLine[] = [];
      const alpha = recorder();
      const bus = newBus(logLines);
      bus.subscribe({ consumer: 'alpha', topics: ['order.paid'], handler: alpha.handler });
      await bus.start();

      const channel = await amqp.createConfirmChannel();
      const send = (content: string, messageId: string): boolean =>
        channel.publish(names.exchange, 'order.paid', Buffer.from(content), {
          contentType: 'application/json',
          messageId,
          persistent: true,
        });
      send('{not json', 'garbage');
      send(
        JSON.stringify({ id: 'bad-payload', topic: 'order.paid', occurredAt: '2026-01-01T00:00:00Z', payload: {} }),
        'bad-payload',
      );
      send(
        JSON.stringify({ id: 'bad-topic', topic: 'order.lost', occurredAt: '2026-01-01T00:00:00Z', payload: {} }),
        'bad-topic',
      );
      await channel.waitForConfirms();
      const valid = await bus.publish('order.paid', orderPaid('o-1'));

      await eventually(() => expect(alpha.events.map((event) => event.id)).toEqual([valid.id]));
      await eventually(async () =>
        expect((await takeIds(channel, names.deadQueue('alpha'))).sort()).toEqual([
          'bad-payload',
          'bad-topic',
          'garbage',
        ]),
      );
      expect(logLines.filter((line) => line.level === 'error')).toHaveLength(3);
      await channel.close();
    });

    it('answers ping() only while connected', async () => {
      const bus = newBus();
      bus.subscribe({ consumer: 'alpha', topics: ['order.paid'], handler: recorder().handler });
      await expect(bus.ping()).rejects.toThrow('not connected');

      await bus.start();
      await expect(bus.ping()).resolves.toBeUndefined();

      await bus.close();
      await expect(bus.ping()).rejects.toThrow('not connected');
    });

    it('close() lets handlers in flight finish (and publish), is idempotent, and refuses publishing afterwards', async () => {
      const bus = newBus();
      const followUps = recorder();
      let finished = false;
      bus.subscribe({
        consumer: 'slow',
        topics: ['order.paid'],
        handler: async (event) => {
          await new Promise((resolve) => setTimeout(resolve, 100));
          await bus.publish('order.delivered', {
            ...event.payload,
            deliveryId: 'd-1',
            deliveredAt: event.payload.paidAt,
          });
          finished = true;
        },
      });
      bus.subscribe({ consumer: 'follow', topics: ['order.delivered'], handler: followUps.handler });
      await bus.start();
      await bus.publish('order.paid', orderPaid('o-1'));
      await eventually(async () => expect((await amqpQueue(names.queue('slow'))).messageCount).toBe(0));

      await Promise.all([bus.close(), bus.close()]);

      expect(finished).toBe(true);
      await expect(bus.publish('order.paid', orderPaid('o-2'))).rejects.toThrow('closed');
      expect(await amqpQueue(names.queue('follow'))).toMatchObject({ messageCount: 1 });
    });

    it('gives rascal a reconnection back-off from 250 ms capped at 2 s (rascal reads it from the defaults only)', async () => {
      const config = rascalConfig({
        url,
        names,
        subscriptions: [],
        prefetch: 1,
        closeTimeoutMs: 1_000,
        retry: { minMs: 250, maxMs: 2_000 },
      });
      const broker = await rascal.BrokerAsPromised.create(rascal.withDefaultConfig(config));
      try {
        const [connection] = (broker.config.vhosts?.[vhostOf(url)] as { connections: { retry: object }[] }).connections;
        expect(connection?.retry).toMatchObject({ min: 250, max: 2_000, factor: 2, strategy: 'exponential' });
      } finally {
        await broker.shutdown();
      }
    });

    it('refuses subscribe() once the broker is connected', async () => {
      const bus = newBus();
      await bus.publish('order.paid', orderPaid('o-1'));

      expect(() => bus.subscribe({ consumer: 'late', topics: ['order.paid'], handler: recorder().handler })).toThrow(
        'subscribe() must come before',
      );
    });

    describe('behind a proxy that cuts the connection', () => {
      let proxy: TcpProxy;
      beforeEach(async () => {
        proxy = await TcpProxy.forUrl(url);
      });
      afterEach(() => proxy.close());

      /** The back-off is capped at 2 s; the rest is the connection and the topology under load. */
      const BACK_WITHIN_MS = 5_000;

      /**
       * Restores the proxy: the bus reconnects within BACK_WITHIN_MS, and what it publishes then reaches `consumer`.
       */
      const expectBackAndConsuming = async (bus: TrackedRascalEventBus, consumer: ReturnType<typeof recorder>) => {
        proxy.restore();
        const back = Date.now();
        await eventually(() => expect(bus.ping()).resolves.toBeUndefined());
        expect(Date.now() - back).toBeLessThan(BACK_WITHIN_MS);
        const sent = await bus.publish('order.paid', orderPaid('o-1'));
        await eventually(() => expect(consumer.events.map((event) => event.id)).toEqual([sent.id]));
      };

      const proxiedBus = (logLines?: LogLine[]): TrackedRascalEventBus => {
        const { ids, clock } = deps();
        const bus = new TrackedRascalEventBus(
          { url: proxy.urlFor(url), exchange: names.exchange, queuePrefix, retryDelaysMs },
          ids,
          clock,
          handledLog(),
          recordingLogger(logLines ?? []),
        );
        buses.push(bus);
        return bus;
      };

      it('starts while RabbitMQ is unreachable, fails publishes at once, and consumes within 5 s of its return', async () => {
        proxy.cut();
        const alpha = recorder();
        const bus = proxiedBus();
        bus.subscribe({ consumer: 'alpha', topics: ['order.paid'], handler: alpha.handler });

        await bus.start();
        await expect(bus.ping()).rejects.toThrow('not connected');
        const before = Date.now();
        await expect(bus.publish('order.paid', orderPaid('o-lost'))).rejects.toThrow('not connected');
        expect(Date.now() - before).toBeLessThan(100);

        await new Promise((resolve) => setTimeout(resolve, 3_000)); // several retries, the back-off reaches its cap
        await expectBackAndConsuming(bus, alpha);
      });

      it('reconnects within 5 s after the connection is cut, publishes failing fast meanwhile, and consumes again', async () => {
        const logLines: LogLine[] = [];
        const alpha = recorder();
        const bus = proxiedBus(logLines);
        bus.subscribe({ consumer: 'alpha', topics: ['order.paid'], handler: alpha.handler });
        await bus.start();

        proxy.cut();
        await eventually(() => expect(bus.ping()).rejects.toThrow('not connected'));
        const before = Date.now();
        await expect(bus.publish('order.paid', orderPaid('o-lost'))).rejects.toThrow();
        expect(Date.now() - before).toBeLessThan(100);
        // Long enough for rascal's own default back-off (1 s doubling to 60 s) to miss the return.
        await new Promise((resolve) => setTimeout(resolve, 10_000));

        await expectBackAndConsuming(bus, alpha);
        expect(logLines.map((line) => line.message)).toContain('RabbitMQ connection lost, reconnecting');
      }, 30_000);

      it('close() ends the retries while RabbitMQ is unreachable', async () => {
        proxy.cut();
        const bus = proxiedBus();
        await bus.start();
        await bus.close();
        const connections = proxy.connections;
        proxy.restore();
        await new Promise((resolve) => setTimeout(resolve, 2_500));
        expect(proxy.connections).toBe(connections);
        await expect(bus.publish('order.paid', orderPaid('o-1'))).rejects.toThrow('closed');
      });
    });
  });
});
