/**
 * Outbox latency, commit to consumer, on the real servers: state changes, each written with
 * its event in one atomic step (a MongoDB document insert with its `outbox`, a Redis MULTI that
 * also XADDs to the outbox stream), at a steady rate for a few seconds; the OutboxRelay publishes
 * them to RabbitMQ with publisher confirms, and a consumer of its own times each event from the
 * write's commit to its delivery.
 *
 *   MONGO_URL=mongodb://127.0.0.1:27017 REDIS_URL=redis://127.0.0.1:6379 \
 *   AMQP_URL=amqp://guest:guest@127.0.0.1:5672 npm run bench:outbox
 *   BENCH_RATES=20,100,500 BENCH_SECONDS=10 npm run bench:outbox   # writes per second, per run
 *
 * Needs AMQP_URL, and MONGO_URL and/or REDIS_URL (a store is skipped when its URL is unset).
 * Everything it creates (database, key prefix, exchange, queues) has a unique name and is
 * removed at the end. Prints p50, p90, p99 and max latency per store; asserts nothing.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'amqplib';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import { MemoryHandledEventLog } from '../src/adapters/memory/shared/memory-handled-event-log.js';
import { insertWithOutbox, MongoOutboxStore } from '../src/adapters/mongo/shared/mongo-outbox.js';
import { rascalNames, type RascalNames } from '../src/adapters/rabbitmq/rascal-config.js';
import { RascalEventBus } from '../src/adapters/rabbitmq/rascal-event-bus.js';
import { appendToOutbox, RedisOutboxStore } from '../src/adapters/redis/shared/redis-outbox.js';
import { RandomIdGenerator } from '../src/adapters/system/random-id-generator.js';
import { SystemClock } from '../src/adapters/system/system-clock.js';
import type { EventEnvelope } from '../src/application/shared/events/envelope.js';
import { EventFactory } from '../src/application/shared/events/event-factory.js';
import { OutboxSignal, type OutboxStore } from '../src/application/shared/outbox/outbox.js';
import { OutboxRelay } from '../src/application/shared/outbox/outbox-relay.js';
import { isEntry } from './support/is-entry.js';

const rates = (process.env.BENCH_RATES ?? '20,100').split(',').map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const amqpUrl = process.env.AMQP_URL;
const run = `bench_outbox_${Date.now().toString(36)}`;
const clock = new SystemClock();
const factory = new EventFactory(new RandomIdGenerator(), clock);

/** Writes one state change with its event, atomically; resolves once it is committed. */
type Write = (event: EventEnvelope, n: number) => Promise<void>;

interface Target {
  name: string;
  store: OutboxStore & { written(events: readonly EventEnvelope[]): void };
  write: Write;
  cleanup(): Promise<void>;
}

export interface Figures {
  name: string;
  rate: number;
  sent: number;
  received: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** From the first write to the last delivery (or the 60 s wait). */
  seconds: number;
}

async function mongoTarget(url: string, signal: OutboxSignal): Promise<Target> {
  // A small pool: FerretDB 1.x deadlocks once as many updates are in flight as half its own pool.
  const client = await MongoClient.connect(url, { maxPoolSize: 8 });
  const db = client.db(run);
  const collection = db.collection<{ _id: string; n: number }>('changes');
  const store = new MongoOutboxStore(db.collection('changes'), signal);
  await store.ensureIndexes();
  return {
    name: 'MongoDB (document + its outbox, one insert)',
    store,
    write: async (event, n) => {
      await collection.insertOne(insertWithOutbox({ _id: randomUUID(), n }, [event]));
    },
    cleanup: async () => {
      await db.dropDatabase();
      await client.close();
    },
  };
}

async function redisTarget(url: string, signal: OutboxSignal): Promise<Target> {
  const redis = new Redis(url);
  const prefix = `${run}:`;
  const store = new RedisOutboxStore(redis, prefix, signal);
  return {
    name: 'Redis (state + XADD outbox, one MULTI)',
    store,
    write: async (event, n) => {
      const key = `${prefix}change:${n}`;
      await appendToOutbox(redis.multi().set(key, String(n)), prefix, key, [event]).exec();
    },
    cleanup: async () => {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    },
  };
}

/** Writes changes at `rate` per second for `seconds` and waits until the consumer got each one. */
async function measure(
  target: Target,
  rate: number,
  names: RascalNames,
  url: string,
  signal: OutboxSignal,
): Promise<Figures> {
  const events = rate * seconds;
  const committedAt = new Map<string, number>();
  const latencies: number[] = [];
  const consumer = new RascalEventBus(
    { url, exchange: names.exchange, queuePrefix: `${run}.consumer` },
    new RandomIdGenerator(),
    clock,
    new MemoryHandledEventLog(),
  );
  consumer.subscribe({
    consumer: 'bench.outbox',
    topics: ['notification.send'],
    handler: async (event) => {
      const at = committedAt.get(event.id);
      if (at !== undefined) latencies.push(performance.now() - at);
    },
  });
  await consumer.start();
  const publisher = new RascalEventBus(
    { url, exchange: names.exchange, queuePrefix: `${run}.publisher` },
    new RandomIdGenerator(),
    clock,
    new MemoryHandledEventLog(),
  );
  await publisher.start();
  const relay = new OutboxRelay([target.store], publisher, clock, { owner: `${run}:relay`, idleMs: 500 }, signal);
  relay.start();

  const started = performance.now();
  const writes: Promise<void>[] = [];
  for (let n = 0; n < events; n++) {
    const due = started + (n * 1_000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const event = factory.create('notification.send', {
      userId: 'bench-user',
      type: 'bench',
      title: 'Bench',
      body: String(n),
    });
    writes.push(
      target.write(event, n).then(() => {
        committedAt.set(event.id, performance.now());
        target.store.written([event]);
      }),
    );
  }
  await Promise.all(writes);
  const deadline = performance.now() + 60_000;
  while (latencies.length < events && performance.now() < deadline) await sleep(20);
  const elapsed = (performance.now() - started) / 1_000;
  await relay.stop();
  await publisher.close();
  await consumer.close();
  return {
    name: target.name,
    rate,
    sent: events,
    received: latencies.length,
    ...percentiles(latencies),
    seconds: elapsed,
  };
}

function percentiles(values: number[]): { p50: number; p90: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN };
}

async function deleteTopology(url: string, names: RascalNames): Promise<void> {
  const connection = await connect(url);
  const channel = await connection.createChannel();
  const queues = rascalNames(names.exchange, `${run}.consumer`);
  await channel.deleteQueue(queues.queue('bench.outbox'));
  await channel.deleteQueue(queues.deadQueue('bench.outbox'));
  await channel.deleteExchange(names.exchange);
  await channel.deleteExchange(names.deadLetterExchange);
  await connection.close();
}

function print(rows: Figures[]): void {
  const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(11);
  const head = ['rate/s', 'received', 'p50', 'p90', 'p99', 'max'].map((title) => title.padStart(11)).join('');
  process.stdout.write(
    `\noutbox latency, commit to consumer, ${seconds} s of writes per row (RabbitMQ, publisher confirms)\n`,
  );
  process.stdout.write(`${'store'.padEnd(46)}${head}\n`);
  for (const row of rows) {
    const counts = `${String(row.rate).padStart(11)}${`${row.received}/${row.sent}`.padStart(11)}`;
    process.stdout.write(
      `${row.name.padEnd(46)}${counts}${ms(row.p50)}${ms(row.p90)}${ms(row.p99)}${ms(row.max)}  (${row.seconds.toFixed(1)} s)\n`,
    );
  }
}

/** Runs every store at every rate, prints the table, and returns the rows (for bench:all). */
export async function runOutboxBench(): Promise<Figures[]> {
  if (!amqpUrl) throw new Error('bench:outbox needs AMQP_URL, and MONGO_URL and/or REDIS_URL');
  const names = rascalNames(`${run}.events`, run);
  const targets: [string | undefined, (url: string, signal: OutboxSignal) => Promise<Target>][] = [
    [process.env.MONGO_URL, mongoTarget],
    [process.env.REDIS_URL, redisTarget],
  ];
  const rows: Figures[] = [];
  try {
    for (const [url, open] of targets) {
      if (!url) continue;
      for (const rate of rates) {
        const signal = new OutboxSignal();
        const target = await open(url, signal);
        try {
          rows.push(await measure(target, rate, names, amqpUrl, signal));
        } finally {
          await target.cleanup();
        }
      }
    }
  } finally {
    await deleteTopology(amqpUrl, names);
  }
  if (rows.length === 0) throw new Error('bench:outbox needs MONGO_URL and/or REDIS_URL');
  print(rows);
  return rows;
}

if (isEntry(import.meta.url)) await runOutboxBench();
