/**
 * What the HTTP benches share: an app per profile on a random 127.0.0.1 port, the seed of a
 * verified seller with a published listing, buyers' tokens, an autocannon load run in a worker
 * thread, the cleanup of a Redis key prefix, and the printed table of figures against bare Express.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import express from 'express';
import type { Container } from 'inversify';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createApp } from '../../src/adapters/http/app.js';
import { loadConfig } from '../../src/config.js';
import { buildContainer, runtimeOf } from '../../src/container.js';

export const admin = { email: 'bench-admin@example.com', password: 'bench admin password 1' };
/** The environment variables that switch an adapter from embedded to a real server. */
export const realAdapters = ['MONGO_URL', 'REDIS_URL', 'AMQP_URL', 'S3_BUCKET', 'FCM_CREDENTIALS'];

export interface Figures {
  name: string;
  goal?: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Responses by status code, e.g. { 201: 9000, 409: 1000 }. */
  statuses: Record<string, number>;
  /**
   * Microseconds the server's event loop was busy per request over the load (its utilisation
   * times the duration): the server's cost per request, less noisy than req/s on a shared machine.
   */
  busyUs: number;
}

export type Json = Record<string, unknown>;

export async function listen(handler: RequestListener): Promise<{ server: Server; base: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
}

export async function expectStatus(
  what: string,
  status: number,
  pending: Promise<{ status: number; body: Json }>,
): Promise<Json> {
  const res = await pending;
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

let registered = 0;
export async function register(base: string, roles?: string[]): Promise<{ id: string; token: string }> {
  registered += 1;
  const email = `bench-${registered}-${Date.now().toString(36)}@example.com`;
  const body = await expectStatus(
    'register',
    201,
    call(base, 'POST', '/api/v1/auth/register', {
      email,
      password: 'bench password 123',
      displayName: `Bench ${registered}`,
      ...(roles ? { roles } : {}),
    }),
  );
  return { id: (body.user as { id: string }).id, token: body.accessToken as string };
}

export async function registerBuyers(base: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 20) {
    const batch = await Promise.all(Array.from({ length: Math.min(20, count - i) }, () => register(base)));
    tokens.push(...batch.map((b) => b.token));
  }
  return tokens;
}

export interface Seller {
  token: string;
  categoryId: string;
  /** A published listing of `quantity` units, returned once the stock ledger holds them. */
  publishedListing(quantity: number): Promise<string>;
  /** A live auction of one unit of a new listing: from 10.00 EUR by 1.00, for an hour, without anti-sniping. */
  openAuction(): Promise<string>;
}

/** A KYC document of the user: an uploaded and completed image (the embedded store's URL is this app's, on `base`). */
async function uploadedDocument(base: string, token: string): Promise<string> {
  const bytes = Buffer.from('bench identity document');
  const slot = await expectStatus(
    'upload slot',
    201,
    call(
      base,
      'POST',
      '/api/v1/media/uploads',
      { contentType: 'image/png', size: bytes.length, filename: 'id.png' },
      token,
    ),
  );
  const url = new URL(slot.uploadUrl as string);
  const target = url.pathname.startsWith('/media-store/') ? `${base}${url.pathname}${url.search}` : url;
  const put = await fetch(target, { method: 'PUT', headers: slot.headers as Record<string, string>, body: bytes });
  if (!put.ok) throw new Error(`document upload: ${put.status}`);
  await expectStatus(
    'upload complete',
    200,
    call(base, 'POST', `/api/v1/media/${slot.mediaId as string}/complete`, undefined, token),
  );
  return slot.mediaId as string;
}

/** The admin signs in, approves a new seller's KYC and creates a category for the seller's listings. */
export async function verifiedSeller(base: string): Promise<Seller> {
  const adminToken = (await expectStatus('admin login', 200, call(base, 'POST', '/api/v1/auth/login', admin)))
    .accessToken as string;
  const seller = await register(base, ['seller']);
  const documentMediaIds = [await uploadedDocument(base, seller.token)];
  await expectStatus('kyc submit', 202, call(base, 'POST', '/api/v1/users/me/kyc', { documentMediaIds }, seller.token));
  await expectStatus(
    'kyc approve',
    200,
    call(base, 'POST', `/api/v1/admin/users/${seller.id}/kyc/approve`, {}, adminToken),
  );
  const category = await expectStatus(
    'category',
    201,
    call(base, 'POST', '/api/v1/categories', { name: `Bench ${Date.now().toString(36)}` }, adminToken),
  );
  const categoryId = category.id as string;
  const publishedListing = (quantity: number) => publishListing(base, seller.token, categoryId, quantity);
  return {
    token: seller.token,
    categoryId,
    publishedListing,
    openAuction: async () => openAuction(base, seller.token, await publishedListing(1)),
  };
}

/** A live auction of one unit of `listingId`, ending in an hour. */
export async function openAuction(base: string, token: string, listingId: string): Promise<string> {
  const terms = {
    listingId,
    startingPrice: { amount: 1_000, currency: 'EUR' },
    minIncrement: { amount: 100, currency: 'EUR' },
    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    antiSnipingSeconds: 0,
  };
  return (await expectStatus('auction', 201, call(base, 'POST', '/api/v1/auctions', terms, token))).id as string;
}

async function publishListing(base: string, token: string, categoryId: string, quantity: number): Promise<string> {
  const body = {
    title: 'Hot item',
    description: 'bench',
    categoryId,
    price: { amount: 1_000, currency: 'EUR' },
    quantity,
  };
  const listingId = (await expectStatus('listing', 201, call(base, 'POST', '/api/v1/listings', body, token)))
    .id as string;
  await expectStatus('publish', 200, call(base, 'POST', `/api/v1/listings/${listingId}/publish`, undefined, token));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const current = await call(base, 'GET', `/api/v1/listings/${listingId}`);
    if (current.body.availableQuantity === quantity) return listingId;
    if (Date.now() > deadline) throw new Error(`stock not seeded: ${JSON.stringify(current.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface LoadOptions {
  name: string;
  base: string;
  path: string;
  /** The JSON body of every request, unless `setupRequest` rewrites it. */
  body: string;
  tokens: string[];
  connections: number;
  /** Seconds to run, or a number of requests with `amount`. */
  duration?: number;
  amount?: number;
  /** Absolute path of a CommonJS module exporting autocannon's `setupRequest(request)`. */
  setupRequest?: string;
  goal?: number;
}

/**
 * POSTs in a worker thread (autocannon `workers: 1`), off the event loop that serves the app, so
 * the client does not slow the server it measures. Every connection cycles through the tokens.
 */
export async function load(options: LoadOptions): Promise<Figures> {
  const { name, base, path, body, tokens, connections, duration, amount, setupRequest, goal } = options;
  const requests = tokens.map((token) => ({
    method: 'POST' as const,
    path,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
    ...(setupRequest ? { setupRequest } : {}),
  }));
  const limit = amount === undefined ? { duration } : { amount };
  // autocannon's types declare setupRequest as a function; in workers mode it is a module path.
  const before = performance.eventLoopUtilization();
  const result = await profiled(name, () =>
    autocannon({ url: base, connections, workers: 1, requests, ...limit } as autocannon.Options),
  );
  const busy = performance.eventLoopUtilization(before);
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats?.count ?? 0]),
  );
  // Over the whole run (autocannon's per-second average counts a last partial second as a whole one).
  const seconds = (new Date(result.finish).getTime() - new Date(result.start).getTime()) / 1000;
  const rps = seconds > 0 ? result.requests.total / seconds : result.requests.average;
  return {
    name,
    goal,
    rps,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statuses,
    busyUs: (busy.active * 1000) / Math.max(1, result.requests.total),
  };
}

/**
 * With `BENCH_CPU_PROFILE=<dir>`, the server thread's CPU profile over the load, written as
 * `<dir>/<name>-<n>.cpuprofile` (open it in Chrome DevTools or speedscope).
 */
async function profiled<T>(name: string, run: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return run();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    profiles += 1;
    const file = join(dir, `${name.replace(/[^\w]+/g, '-')}-${profiles}.cpuprofile`);
    await mkdir(dir, { recursive: true });
    await writeFile(file, JSON.stringify(profile));
    process.stdout.write(`CPU profile of ${name}: ${file}\n`);
  }
}
let profiles = 0;

/** The bare Express app of the comparison: one POST route answering 201 with a small JSON body. */
export async function withBareExpress<T>(path: string, run: (base: string) => Promise<T>): Promise<T> {
  const app = express();
  app.use(express.json());
  app.post(path, (_req, res) => {
    res.status(201).json({ ok: true });
  });
  const { server, base } = await listen(app);
  try {
    return await run(base);
  } finally {
    await close(server);
  }
}

export interface RunningApp {
  base: string;
  container: Container;
  /** The HTTP server, e.g. to attach the realtime gateway to (whoever attaches it closes it before `run` returns). */
  server: Server;
}

/**
 * The per-address and per-user limits lifted (unless `env` sets them): a bench registers its users
 * from one address and drives each far past a person's pace. The limiter still runs on every request.
 */
const benchRateLimits = {
  REGISTER_MAX_PER_IP: '1000000',
  BID_MAX_PER_SECOND: '1000000',
  LOGIN_MAX_FAILURES_PER_IP: '1000000',
};

/**
 * Builds the whole app for `env` (silent logs, the bench admin), serves it while `run` runs, then closes everything.
 */
export async function withApp<T>(env: NodeJS.ProcessEnv, run: (app: RunningApp) => Promise<T>): Promise<T> {
  const benchEnv = {
    ...benchRateLimits,
    ...env,
    LOG_LEVEL: 'silent',
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
  };
  const config = loadConfig(benchEnv, () => randomBytes(48).toString('base64url'));
  const container = await buildContainer(config, { logger: pino({ level: 'silent' }) });
  const { server, base } = await listen(createApp(container));
  try {
    return await run({ base, container, server });
  } finally {
    await close(server);
    await runtimeOf(container).closeAll(() => undefined);
  }
}

/** The environment without any real server: every adapter embedded. */
export function embeddedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of realAdapters) delete env[name];
  return env;
}

/** A fresh key prefix for one bench run on a shared Redis, so that its keys can be deleted after. */
export function benchKeyPrefix(): string {
  return `uty-bench-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}:`;
}

export async function deleteKeys(url: string, prefix: string): Promise<number> {
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

/** One row per target: req/s, p50, p99, the responses that were not 2xx, and the ratio to bare Express. */
export function printFigures(title: string, bare: Figures, rows: Figures[]): void {
  process.stdout.write(`\n${title}\n`);
  process.stdout.write(
    `${'target'.padEnd(40)}${'req/s'.padStart(10)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'non-2xx'.padStart(9)}${'vs bare'.padStart(10)}${'goal'.padStart(8)}${'server µs/req'.padStart(15)}\n`,
  );
  for (const f of [bare, ...rows]) {
    const ratio = `${((f.rps / bare.rps) * 100).toFixed(0)} %`;
    const goal = f.goal === undefined ? '' : `>= ${f.goal} %`;
    const failed = f.non2xx + f.errors;
    process.stdout.write(
      `${f.name.padEnd(40)}${f.rps.toFixed(0).padStart(10)}${String(f.p50).padStart(9)}${String(f.p99).padStart(9)}${String(failed).padStart(9)}${ratio.padStart(10)}${goal.padStart(8)}${f.busyUs.toFixed(0).padStart(15)}\n`,
    );
  }
}
