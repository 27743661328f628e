/**
 * Throughput of the identity routes through the whole HTTP stack (helmet, pino-http, metrics,
 * zod, JWT), measured with autocannon against the app on a local port.
 *
 *   npm run bench                                  # embedded default (memory adapters)
 *   MONGO_URL=... REDIS_URL=... JWT_SECRET=... npm run bench   # the same on real servers
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=50 npm run bench
 *
 * Prints requests/s, latency percentiles and each route's ratio to the bare /healthz.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { createApp } from '../src/adapters/http/app.js';
import { loadConfig } from '../src/config.js';
import { buildContainer, runtimeOf } from '../src/container.js';
import { isEntry } from './support/is-entry.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

interface Scenario {
  name: string;
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  connections?: number;
}

export interface Figures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function run(base: string, scenario: Scenario): Promise<Figures> {
  const result = await autocannon({
    url: `${base}${scenario.path}`,
    method: scenario.method,
    headers: { 'content-type': 'application/json', ...scenario.headers },
    body: scenario.body,
    connections: scenario.connections ?? connections,
    duration: seconds,
  });
  return {
    name: scenario.name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

async function signUp(base: string): Promise<{ accessToken: string; email: string; password: string }> {
  const email = `bench-${Date.now()}@example.com`;
  const password = 'bench password 123';
  const res = await fetch(`${base}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, displayName: 'Bench' }),
  });
  const body = (await res.json()) as { accessToken: string };
  return { accessToken: body.accessToken, email, password };
}

function print(figures: Figures[]): void {
  const baseline = figures[0]!.rps;
  process.stdout.write(`\nidentity routes, ${seconds} s each, ${connections} connections (login: 4)\n`);
  process.stdout.write(
    `${'scenario'.padEnd(34)}${'req/s'.padStart(10)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'vs healthz'.padStart(12)}${'non-2xx'.padStart(9)}\n`,
  );
  for (const f of figures) {
    const ratio = (f.rps / baseline).toFixed(2);
    process.stdout.write(
      `${f.name.padEnd(34)}${f.rps.toFixed(0).padStart(10)}${String(f.p50).padStart(9)}${String(f.p99).padStart(9)}${ratio.padStart(12)}${String(f.non2xx + f.errors).padStart(9)}\n`,
    );
  }
}

/** Runs every scenario, prints the table, and returns the figures, the /healthz baseline first (for bench:all). */
export async function runIdentityBench(): Promise<Figures[]> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' }, () => randomBytes(48).toString('base64url'));
  const container = await buildContainer(config, { logger: pino({ level: 'silent' }) });
  const server = createServer(createApp(container));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const user = await signUp(base);
    const auth = { authorization: `Bearer ${user.accessToken}` };
    const scenarios: Scenario[] = [
      { name: 'GET /healthz (baseline)', method: 'GET', path: '/healthz' },
      { name: 'GET /users/me (JWT + repository)', method: 'GET', path: '/api/v1/users/me', headers: auth },
      {
        name: 'PATCH /users/me (zod + write)',
        method: 'PATCH',
        path: '/api/v1/users/me',
        headers: auth,
        body: JSON.stringify({ displayName: 'Bench 2' }),
      },
      {
        name: 'POST /auth/login (scrypt)',
        method: 'POST',
        path: '/api/v1/auth/login',
        body: JSON.stringify({ email: user.email, password: user.password }),
        connections: 4,
      },
    ];
    const figures: Figures[] = [];
    for (const scenario of scenarios) figures.push(await run(base, scenario));
    print(figures);
    return figures;
  } finally {
    server.close();
    await runtimeOf(container).closeAll(() => undefined);
  }
}

if (isEntry(import.meta.url)) await runIdentityBench();
