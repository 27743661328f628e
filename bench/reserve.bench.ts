/**
 * Throughput of a hot reservation: many buyers POST /api/v1/cart/items on one listing with a very
 * large stock, through the whole HTTP stack (helmet, pino-http, metrics, zod, JWT, AddToCart,
 * StockLedger), compared with a bare Express app answering one POST route on the same machine.
 *
 *   npm run bench:reserve                                         # embedded default (memory adapters)
 *   REDIS_URL=redis://127.0.0.1:6379 JWT_SECRET=... npm run bench:reserve
 *       # both profiles in one run: embedded first, then the Redis StockLedger under a unique
 *       # REDIS_KEY_PREFIX whose keys are deleted at the end
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=100 BENCH_BUYERS=200 npm run bench:reserve
 *
 * Prints req/s, p50, p99, non-2xx and the ratio to bare Express (goal: >= 70 % embedded,
 * >= 50 % Redis). Asserts nothing; listens on 127.0.0.1 only.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import express from 'express';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createApp } from '../src/adapters/http/app.js';
import { loadConfig } from '../src/config.js';
import { buildContainer, runtimeOf } from '../src/container.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 100);
const buyerCount = Number(process.env.BENCH_BUYERS ?? 200);
const warmUpSeconds = 1;
/** The largest quantity a listing accepts (createListingBody caps it at 1,000,000). */
const stock = 1_000_000;
const admin = { email: 'bench-admin@example.com', password: 'bench admin password 1' };
const realAdapters = ['MONGO_URL', 'REDIS_URL', 'AMQP_URL', 'S3_BUCKET', 'FCM_CREDENTIALS'];

interface Figures {
  name: string;
  goal?: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

type Json = Record<string, unknown>;

async function listen(handler: RequestListener): Promise<{ server: Server; base: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function call(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
}

async function expectStatus(what: string, status: number, pending: Promise<{ status: number; body: Json }>): Promise<Json> {
  const res = await pending;
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

let registered = 0;
async function register(base: string, roles?: string[]): Promise<{ id: string; token: string }> {
  registered += 1;
  const email = `bench-${registered}-${Date.now().toString(36)}@example.com`;
  const body = await expectStatus('register', 201, call(base, 'POST', '/api/v1/auth/register', { email, password: 'bench password 123', displayName: `Bench ${registered}`, ...(roles ? { roles } : {}) }));
  return { id: (body.user as { id: string }).id, token: body.accessToken as string };
}

/** Admin, KYC-verified seller, category, one published listing whose stock the ledger holds, and the buyers' tokens. */
async function seed(base: string): Promise<{ listingId: string; tokens: string[] }> {
  const adminToken = (await expectStatus('admin login', 200, call(base, 'POST', '/api/v1/auth/login', admin))).accessToken as string;
  const seller = await register(base, ['seller']);
  await call(base, 'POST', '/api/v1/users/me/kyc', { documentMediaIds: ['kyc-doc'] }, seller.token);
  await expectStatus('kyc approve', 200, call(base, 'POST', `/api/v1/admin/users/${seller.id}/kyc/approve`, {}, adminToken));
  const category = await expectStatus('category', 201, call(base, 'POST', '/api/v1/categories', { name: `Bench ${Date.now().toString(36)}` }, adminToken));
  const listing = await expectStatus(
    'listing',
    201,
    call(base, 'POST', '/api/v1/listings', { title: 'Hot item', description: 'bench', categoryId: category.id, price: { amount: 1_000, currency: 'EUR' }, quantity: stock }, seller.token),
  );
  const listingId = listing.id as string;
  await expectStatus('publish', 200, call(base, 'POST', `/api/v1/listings/${listingId}/publish`, undefined, seller.token));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const current = await call(base, 'GET', `/api/v1/listings/${listingId}`);
    if (current.body.availableQuantity === stock) break;
    if (Date.now() > deadline) throw new Error(`stock not seeded: ${JSON.stringify(current.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const tokens: string[] = [];
  for (let i = 0; i < buyerCount; i += 20) {
    const batch = await Promise.all(Array.from({ length: Math.min(20, buyerCount - i) }, () => register(base)));
    tokens.push(...batch.map((b) => b.token));
  }
  return { listingId, tokens };
}

/**
 * The load runs in a worker thread (autocannon `workers: 1`), off the event loop that serves the
 * app, so the client does not slow the server it measures. Every connection cycles through all
 * the buyers' tokens; the bare Express app gets the very same requests.
 */
async function load(name: string, base: string, path: string, body: string, tokens: string[], duration: number, goal?: number): Promise<Figures> {
  const requests = tokens.map((token) => ({ method: 'POST' as const, path, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body }));
  const result = await autocannon({ url: base, connections, duration, workers: 1, requests });
  return { name, goal, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts };
}

async function measure(name: string, base: string, path: string, body: string, tokens: string[], goal?: number): Promise<Figures> {
  await load(name, base, path, body, tokens, warmUpSeconds);
  return load(name, base, path, body, tokens, seconds, goal);
}

async function bareExpress(tokens: string[]): Promise<Figures> {
  const app = express();
  app.use(express.json());
  app.post('/api/v1/cart/items', (_req, res) => {
    res.status(201).json({ ok: true });
  });
  const { server, base } = await listen(app);
  try {
    return await measure('bare Express POST (201 JSON)', base, '/api/v1/cart/items', JSON.stringify({ listingId: 'x', quantity: 1 }), tokens);
  } finally {
    await close(server);
  }
}

async function deleteKeys(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

async function profile(name: string, env: NodeJS.ProcessEnv, goal: number): Promise<{ figures: Figures; tokens: string[] }> {
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent', ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password }, () => randomBytes(48).toString('base64url'));
  const container = await buildContainer(config, { logger: pino({ level: 'silent' }) });
  const { server, base } = await listen(createApp(container));
  try {
    const { listingId, tokens } = await seed(base);
    const figures = await measure(name, base, '/api/v1/cart/items', JSON.stringify({ listingId, quantity: 1 }), tokens, goal);
    const left = await call(base, 'GET', `/api/v1/listings/${listingId}`);
    process.stdout.write(`${name}: ${tokens.length} buyers, stock ${stock}, available after the run ${String(left.body.availableQuantity)}\n`);
    return { figures, tokens };
  } finally {
    await close(server);
    await runtimeOf(container).closeAll(() => undefined);
  }
}

function print(bare: Figures, rows: Figures[]): void {
  process.stdout.write(`\nPOST /api/v1/cart/items, one hot listing, ${buyerCount} buyers, ${seconds} s each (+${warmUpSeconds} s warm-up), ${connections} connections\n`);
  process.stdout.write(`${'target'.padEnd(36)}${'req/s'.padStart(10)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'non-2xx'.padStart(9)}${'vs bare'.padStart(10)}${'goal'.padStart(8)}\n`);
  for (const f of [bare, ...rows]) {
    const ratio = `${((f.rps / bare.rps) * 100).toFixed(0)} %`;
    const goal = f.goal === undefined ? '' : `>= ${f.goal} %`;
    const failed = f.non2xx + f.errors;
    process.stdout.write(`${f.name.padEnd(36)}${f.rps.toFixed(0).padStart(10)}${String(f.p50).padStart(9)}${String(f.p99).padStart(9)}${String(failed).padStart(9)}${ratio.padStart(10)}${goal.padStart(8)}\n`);
  }
}

async function main(): Promise<void> {
  const embeddedEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of realAdapters) delete embeddedEnv[name];
  const embedded = await profile('embedded (memory StockLedger)', embeddedEnv, 70);
  const rows = [embedded.figures];
  const redisUrl = process.env.REDIS_URL;
  if (redisUrl) {
    const prefix = `uty-bench-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}:`;
    try {
      const name = `Redis StockLedger${process.env.MONGO_URL ? ' + MongoDB' : ''}`;
      rows.push((await profile(name, { ...process.env, REDIS_KEY_PREFIX: prefix }, 50)).figures);
    } finally {
      const deleted = await deleteKeys(redisUrl, prefix);
      process.stdout.write(`deleted ${deleted} Redis keys under ${prefix}\n`);
    }
  }
  const bare = await bareExpress(embedded.tokens);
  print(bare, rows);
}

await main();
