import type { Express } from 'express';
import type { Container } from 'inversify';
import request from 'supertest';
import { expect, vi } from 'vitest';
import { ManualClock } from '../../src/adapters/memory/shared/manual-clock.js';
import { MemoryHandledEventLog } from '../../src/adapters/memory/shared/memory-handled-event-log.js';
import { RandomIdGenerator } from '../../src/adapters/system/random-id-generator.js';
import { rascalNames, type RascalNames } from '../../src/adapters/rabbitmq/rascal-config.js';
import { RascalEventBus } from '../../src/adapters/rabbitmq/rascal-event-bus.js';
import { topics } from '../../src/application/shared/events/catalogue.js';
import type { EventEnvelope } from '../../src/application/shared/events/envelope.js';
import { OutboxRelayToken, type OutboxRelay } from '../../src/application/shared/outbox/outbox-relay.js';
import { createListing, listingBody, seedBikeCategories } from '../support/catalog-helpers.js';
import { signInAdmin, verifiedSeller } from '../support/http-helpers.js';

/**
 * `url` with a MongoDB client pool of `size` connections. FerretDB 1.x needs two of its PostgreSQL
 * connections for an update: once as many updates are in flight as its pool holds, it deadlocks
 * for good. A small client pool keeps the load of a burst under that.
 */
export function withMongoPool(url: string, size = 8): string {
  const parsed = new URL(url);
  if (parsed.pathname === '') parsed.pathname = '/';
  parsed.searchParams.set('maxPoolSize', String(size));
  return parsed.toString();
}

/** Waits until the app's relay has published everything its outboxes hold. */
export async function outboxDrained(container: Container, timeoutMs = 10_000): Promise<void> {
  const relay = container.get<OutboxRelay>(OutboxRelayToken);
  await vi.waitFor(async () => expect((await relay.stats()).depth).toBe(0), { timeout: timeoutMs, interval: 200 });
}

/**
 * A KYC-verified seller's published listing with `quantity` units, once the cart's ledger holds
 * them. Each write waits for the outbox to drain first, so that no relay write races it.
 */
export async function openShop(
  { app, container }: { app: Express; container: Container },
  quantity: number,
): Promise<{ listingId: string }> {
  const admin = await signInAdmin(app);
  const seller = await verifiedSeller(app, admin);
  const { bikes } = await seedBikeCategories(app, admin);
  const listing = await createListing(app, seller.auth, listingBody(bikes, { quantity }));
  await outboxDrained(container);
  expect((await request(app).post(`/api/v1/listings/${listing.id}/publish`).set(seller.auth)).body.status).toBe(
    'published',
  );
  await vi.waitFor(
    async () => expect(await listingState(app, listing.id)).toMatchObject({ availableQuantity: quantity }),
    { timeout: 10_000, interval: 50 },
  );
  await outboxDrained(container);
  return { listingId: listing.id };
}

export async function listingState(
  app: Express,
  listingId: string,
): Promise<{ quantity: number; availableQuantity: number }> {
  return (await request(app).get(`/api/v1/listings/${listingId}`)).body;
}

export interface Purchase {
  /** Every answer's status: register, cart add, order. */
  statuses: number[];
  orderId?: string;
  /** When the order was answered (ms since the epoch). */
  orderedAt?: number;
  /** The answer that stopped the purchase: `<status> <problem code>`. */
  failure?: string;
}

const failed = (statuses: number[], res: request.Response): Purchase => ({
  statuses,
  failure: `${statuses.length}: ${res.status} ${String(res.body?.code)} ${String(res.body?.detail)}`,
});

const address = { name: 'Ada', line1: '1 rue de la Paix', city: 'Paris', postalCode: '75001', country: 'FR' };

/** What a new user does: registers, puts one unit in the cart, orders it with an Idempotency-Key. */
export async function purchase(app: Express, listingId: string, key: string): Promise<Purchase> {
  const registered = await request(app)
    .post('/api/v1/auth/register')
    .send({ email: `${key}@example.com`, password: 'a long password', displayName: key });
  if (registered.status !== 201) return failed([registered.status], registered);
  const auth = { Authorization: `Bearer ${registered.body.accessToken}` };
  const added = await request(app).post('/api/v1/cart/items').set(auth).send({ listingId, quantity: 1 });
  if (added.status !== 201) return failed([registered.status, added.status], added);
  const ordered = await request(app)
    .post('/api/v1/orders')
    .set(auth)
    .set('Idempotency-Key', key)
    .send({ shippingAddress: address });
  const statuses = [registered.status, added.status, ordered.status];
  return ordered.status === 201
    ? { statuses, orderId: ordered.body.id, orderedAt: Date.now() }
    : failed(statuses, ordered);
}

const WATCH = 'resilience.watch';

export interface Delivery {
  eventId: string;
  receivedAt: number;
}

/**
 * A consumer of its own (queue `<prefix>.watch.resilience.watch`) of every topic, on the app's
 * exchange, connected to RabbitMQ directly: what reaches consumers, whatever the app's link to it.
 */
export class OrderWatch {
  /** Per order id, every delivery of its `order.created` (the bus drops redeliveries of a handled id). */
  readonly deliveries = new Map<string, Delivery[]>();
  /** When each event (of any topic) arrived. */
  private readonly arrivals: number[] = [];

  private constructor(
    private readonly bus: RascalEventBus,
    private readonly amqpUrl: string,
    private readonly names: RascalNames,
  ) {}

  static async start(amqpUrl: string, env: Record<string, string>): Promise<OrderWatch> {
    const names = rascalNames(env.AMQP_EXCHANGE!, `${env.AMQP_QUEUE_PREFIX!}.watch`);
    const options = { url: amqpUrl, exchange: names.exchange, queuePrefix: `${env.AMQP_QUEUE_PREFIX!}.watch` };
    const bus = new RascalEventBus(options, new RandomIdGenerator(), new ManualClock(), new MemoryHandledEventLog());
    const watch = new OrderWatch(bus, amqpUrl, names);
    bus.subscribe({ consumer: WATCH, topics, handler: async (event) => watch.record(event) });
    await bus.start();
    return watch;
  }

  private record(event: EventEnvelope): void {
    const receivedAt = Date.now();
    this.arrivals.push(receivedAt);
    if (event.topic !== 'order.created') return;
    const { orderId } = (event as EventEnvelope<'order.created'>).payload;
    this.deliveries.set(orderId, [...(this.deliveries.get(orderId) ?? []), { eventId: event.id, receivedAt }]);
  }

  /** The orders of `orderIds` whose `order.created` has not arrived. */
  missing(orderIds: readonly string[]): string[] {
    return orderIds.filter((id) => !this.deliveries.has(id));
  }

  /** When the first event (of any topic) at or after `time` arrived; undefined if none did. */
  firstAfter(time: number): number | undefined {
    return this.arrivals.find((at) => at >= time);
  }

  /** Orders that got two different `order.created` ids (an event written twice, not a redelivery). */
  writtenTwice(): string[] {
    return [...this.deliveries]
      .filter(([, deliveries]) => new Set(deliveries.map((d) => d.eventId)).size > 1)
      .map(([orderId]) => orderId);
  }

  async close(): Promise<void> {
    await this.bus.close();
    const amqp = await import('amqplib');
    const connection = await amqp.connect(this.amqpUrl);
    const channel = await connection.createChannel();
    for (const queue of [this.names.queue(WATCH), this.names.deadQueue(WATCH)]) await channel.deleteQueue(queue);
    await connection.close();
  }
}
