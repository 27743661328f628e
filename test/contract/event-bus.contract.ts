import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/adapters/memory/shared/manual-clock.js';
import { SequentialIdGenerator } from '../../src/adapters/memory/shared/sequential-id-generator.js';
import type { EventPayloadInput, Topic } from '../../src/application/shared/events/catalogue.js';
import type { EventEnvelope } from '../../src/application/shared/events/envelope.js';
import type { EventBus, EventHandler } from '../../src/application/shared/events/event-bus.js';
import type { Clock } from '../../src/application/shared/ports/clock.js';
import type { IdGenerator } from '../../src/application/shared/ports/id-generator.js';
import { uniqueName } from '../support/real-services.js';

export interface EventBusHarnessDeps {
  ids: IdGenerator;
  clock: Clock;
  retryDelaysMs: number[];
}

export interface EventBusHarness {
  bus: EventBus;
  /** Ids of the events the bus has set aside (dead-lettered) for this consumer so far. */
  deadLetterIds(consumer: string): Promise<string[]>;
  teardown(): Promise<void>;
}

export type EventBusHarnessFactory = (deps: EventBusHarnessDeps) => Promise<EventBusHarness>;

/** Short delays keep the retry tests fast; two retries, so three calls in all. */
export const retryDelaysMs = [50, 100];

/** Polls (every 20 ms, for at most 10 s) until the assertion passes. */
export function eventually<T>(assertion: () => T | Promise<T>): Promise<T> {
  return vi.waitFor(assertion, { timeout: 10_000, interval: 20 });
}

export function orderPaid(orderId: string): EventPayloadInput<'order.paid'> {
  return {
    orderId,
    buyerId: 'buyer-1',
    sellerIds: ['seller-1'],
    total: { amount: 1250, currency: 'EUR' },
    paidAt: '2026-01-01T10:00:00.000Z',
  };
}

/** A handler that keeps what it received. */
export function recorder<T extends Topic = Topic>(): { events: EventEnvelope<T>[]; handler: EventHandler<T> } {
  const events: EventEnvelope<T>[] = [];
  return { events, handler: async (event) => void events.push(event) };
}

const ids = (events: readonly EventEnvelope[]): string[] => events.map((event) => event.id);

/** The behaviour every EventBus adapter must show, whatever carries the events. */
export function eventBusContract(title: string, createHarness: EventBusHarnessFactory): void {
  describe(`EventBus contract: ${title}`, () => {
    let harness: EventBusHarness;
    let bus: EventBus;
    const clock = new ManualClock('2026-03-01T08:30:00.000Z');

    beforeEach(async () => {
      harness = await createHarness({ ids: new SequentialIdGenerator(uniqueName('evt')), clock, retryDelaysMs });
      bus = harness.bus;
    });

    afterEach(async () => {
      await harness.teardown();
    });

    it('delivers a published event as {id, topic, occurredAt, payload}, the payload normalised by the catalogue', async () => {
      const alpha = recorder();
      bus.subscribe({ consumer: 'alpha', topics: ['order.paid', 'notification.send'], handler: alpha.handler });
      await bus.start();

      const paid = await bus.publish('order.paid', orderPaid('o-1'));
      const notice = await bus.publish('notification.send', {
        userId: 'u-1',
        type: 'order',
        title: 'Paid',
        body: 'Thanks',
      });

      expect(Object.keys(paid).sort()).toEqual(['id', 'occurredAt', 'payload', 'topic']);
      expect(paid).toMatchObject({
        topic: 'order.paid',
        occurredAt: '2026-03-01T08:30:00.000Z',
        payload: orderPaid('o-1'),
      });
      expect(notice.payload.data).toEqual({});
      await eventually(() => expect(alpha.events).toHaveLength(2));
      expect(alpha.events).toEqual(expect.arrayContaining([paid, notice]));
    });

    it('refuses a payload that breaks the catalogue, on publish and on publishEnvelope, and sends nothing', async () => {
      const alpha = recorder();
      bus.subscribe({ consumer: 'alpha', topics: ['order.paid'], handler: alpha.handler });
      await bus.start();

      const broken = { ...orderPaid('o-1'), total: { amount: -1, currency: 'euro' } };
      await expect(bus.publish('order.paid', broken)).rejects.toMatchObject({ code: 'EVENT_PAYLOAD_INVALID' });
      const envelope = {
        id: 'evt-broken',
        topic: 'order.paid',
        occurredAt: clock.now().toISOString(),
        payload: broken,
      } as EventEnvelope;
      await expect(bus.publishEnvelope(envelope)).rejects.toMatchObject({ code: 'EVENT_PAYLOAD_INVALID' });

      const valid = await bus.publish('order.paid', orderPaid('o-2'));
      await eventually(() => expect(alpha.events).toHaveLength(1));
      expect(ids(alpha.events)).toEqual([valid.id]);
    });

    it('keeps events published before start() for the consumers, and delivers them once started', async () => {
      const alpha = recorder();
      bus.subscribe({ consumer: 'alpha', topics: ['order.paid'], handler: alpha.handler });

      const early = await bus.publish('order.paid', orderPaid('o-early'));
      await bus.start();

      await eventually(() => expect(ids(alpha.events)).toEqual([early.id]));
    });

    it('shares the events among subscriptions with one consumer name: each event handled once, by one of them', async () => {
      const first = recorder();
      const second = recorder();
      bus.subscribe({ consumer: 'shared', topics: ['order.paid'], handler: first.handler });
      bus.subscribe({ consumer: 'shared', topics: ['order.paid'], handler: second.handler });
      await bus.start();

      const published = await Promise.all(
        Array.from({ length: 20 }, (_, i) => bus.publish('order.paid', orderPaid(`o-${i}`))),
      );

      await eventually(() => expect(first.events.length + second.events.length).toBe(20));
      const handled = [...ids(first.events), ...ids(second.events)];
      expect(new Set(handled)).toEqual(new Set(ids(published)));
      expect(first.events.length).toBeGreaterThan(0);
      expect(second.events.length).toBeGreaterThan(0);
    });

    it('gives every event to each consumer name', async () => {
      const billing = recorder();
      const mailer = recorder();
      bus.subscribe({ consumer: 'billing', topics: ['order.paid'], handler: billing.handler });
      bus.subscribe({ consumer: 'mailer', topics: ['order.paid'], handler: mailer.handler });
      await bus.start();

      const published = await Promise.all(
        Array.from({ length: 5 }, (_, i) => bus.publish('order.paid', orderPaid(`o-${i}`))),
      );

      await eventually(() => expect(billing.events).toHaveLength(5));
      await eventually(() => expect(mailer.events).toHaveLength(5));
      expect(new Set(ids(billing.events))).toEqual(new Set(ids(published)));
      expect(new Set(ids(mailer.events))).toEqual(new Set(ids(published)));
    });

    it('hands each topic to the subscription of the consumer that takes it', async () => {
      const paid = recorder();
      const cancelled = recorder();
      bus.subscribe({ consumer: 'orders', topics: ['order.paid'], handler: paid.handler });
      bus.subscribe({ consumer: 'orders', topics: ['order.cancelled'], handler: cancelled.handler });
      await bus.start();

      for (let i = 0; i < 3; i += 1) {
        await bus.publish('order.paid', orderPaid(`o-${i}`));
        await bus.publish('order.cancelled', {
          orderId: `o-${i}`,
          buyerId: 'buyer-1',
          sellerIds: ['seller-1'],
          cancelledBy: 'buyer-1',
          items: [{ listingId: 'l-1', quantity: 1 }],
        });
      }

      await eventually(() => expect(paid.events.length + cancelled.events.length).toBe(6));
      expect(paid.events.map((event) => event.topic)).toEqual(['order.paid', 'order.paid', 'order.paid']);
      expect(cancelled.events.map((event) => event.topic)).toEqual([
        'order.cancelled',
        'order.cancelled',
        'order.cancelled',
      ]);
    });

    it('retries a handler that keeps failing (1 + retries calls), then dead-letters the event', async () => {
      let calls = 0;
      bus.subscribe({
        consumer: 'flaky',
        topics: ['order.paid'],
        handler: async () => {
          calls += 1;
          throw new Error('downstream is down');
        },
      });
      await bus.start();

      const event = await bus.publish('order.paid', orderPaid('o-1'));

      await eventually(async () => expect(await harness.deadLetterIds('flaky')).toEqual([event.id]));
      expect(calls).toBe(1 + retryDelaysMs.length);
    });

    it('handles exactly once an event whose handler fails once then succeeds', async () => {
      let calls = 0;
      const handled: string[] = [];
      bus.subscribe({
        consumer: 'recovering',
        topics: ['order.paid'],
        handler: async (event) => {
          calls += 1;
          if (calls === 1) throw new Error('transient');
          handled.push(event.id);
        },
      });
      await bus.start();

      const event = await bus.publish('order.paid', orderPaid('o-1'));

      await eventually(() => expect(handled).toEqual([event.id]));
      expect(calls).toBe(2);
      expect(await harness.deadLetterIds('recovering')).toEqual([]);
    });

    it('handles a duplicate event id once per consumer, whether the copies come together or later', async () => {
      const alpha = recorder();
      const beta = recorder();
      bus.subscribe({ consumer: 'alpha', topics: ['order.paid'], handler: alpha.handler });
      bus.subscribe({ consumer: 'beta', topics: ['order.paid'], handler: beta.handler });
      await bus.start();
      const envelope: EventEnvelope = {
        id: uniqueName('evt-dup'),
        topic: 'order.paid',
        occurredAt: clock.now().toISOString(),
        payload: orderPaid('o-dup'),
      };

      await Promise.all([bus.publishEnvelope(envelope), bus.publishEnvelope(envelope)]);
      await eventually(() => expect([...ids(alpha.events), ...ids(beta.events)]).toEqual([envelope.id, envelope.id]));
      await bus.publishEnvelope(envelope);
      const sentinel = await bus.publish('order.paid', orderPaid('o-after'));
      await eventually(() => expect(ids(alpha.events)).toContain(sentinel.id));
      await eventually(() => expect(ids(beta.events)).toContain(sentinel.id));

      expect(ids(alpha.events).filter((id) => id === envelope.id)).toHaveLength(1);
      expect(ids(beta.events).filter((id) => id === envelope.id)).toHaveLength(1);
      expect(alpha.events.find((event) => event.id === envelope.id)).toEqual(envelope);
    });
  });
}
