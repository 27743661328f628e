/**
 * Fan-out of a hot auction: N Socket.IO clients subscribed to one `auction:<id>` room while bids
 * are placed one at a time over HTTP (POST /api/v1/auctions/:id/bids through the whole stack:
 * PlaceBid, the event bus, the realtime gateway's route to `auction.bid.placed`), compared with a
 * bare Socket.IO server broadcasting to the same number of clients in the same run, triggered the
 * same way (a POST to a bare Express route that emits to the room, then answers 201).
 *
 *   npm run bench:fanout                                      # 1,000 then 5,000 clients, embedded profile
 *   BENCH_CLIENTS=200 BENCH_ROUNDS=5 npm run bench:fanout     # a quick try
 *   BENCH_CLIENTS=1000,5000 BENCH_ROUNDS=30 BENCH_WARMUP=3 BENCH_PAUSE_MS=50 BENCH_BATCH=200 npm run bench:fanout
 *
 * Each target connects its N clients (websocket transport, 200 at a time; the app's clients share
 * 10 buyers' tokens and each must get `{ ok: true }` to its `subscribe`), then runs the rounds: one
 * bid (two bidders in turn, one increment higher each time), wait until every client has received the event
 * of that bid (its `bidCount`; 15 s at most), pause, next. Latency is measured from sending the
 * POST: in one process the moment the bidder sees its 201 says little. The app writes the 201 a
 * couple of ms after the request arrives and emits just after (the bus delivers on setImmediate),
 * but the bidder's fetch only sees the 201 once the emit loop over the N sockets has run; bare
 * Socket.IO emits before it answers, so every client has the event before its 201 is seen. The
 * figures from the 201 are printed too (a receipt before it counts as 0), with the POST's round
 * trip. Per target it prints, over the measured rounds, p50 and p99 of "all received" (the last
 * client's receipt) and of every single receipt, and the ratio of the all-received p99 to bare
 * Socket.IO's (goal: <= 1.25x; the bare figures on this machine were p99 117 ms at 1,000
 * and 313 ms at 5,000 clients). With 30 rounds p99 is the slowest round: a GC pause moves it a
 * lot from run to run; BENCH_ROUNDS=200 steadies it. BENCH_BARE_FIRST=1 runs bare Socket.IO
 * before the app for each N (by default after it; each target starts after a forced GC).
 *
 * Clients, app and bare server all run in this one process (the machine has 2 cores): the clients'
 * parsing competes with the server's writes, for both targets alike. Every client and its server
 * side take a file descriptor each: 5,000 clients need about 10,100 (`ulimit -n`; the soft limit
 * is printed, and raised with `ulimit -n 20000` before npm run if too low). A target whose clients
 * fail to connect is reported as such and the run goes on. Asserts nothing; listens on 127.0.0.1
 * only; embedded profile (memory adapters, in-process bus), no Redis adapter.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { performance } from 'node:perf_hooks';
import express from 'express';
import { Server as SocketServer } from 'socket.io';
import { io, type Socket as ClientSocket } from 'socket.io-client';
import { realtimeGatewayOf } from '../src/composition/realtime.js';
import {
  close,
  embeddedEnv,
  listen,
  registerBuyers,
  verifiedSeller,
  withApp,
  type Json,
} from './support/http-bench.js';
import { isEntry } from './support/is-entry.js';

const clientCounts = (process.env.BENCH_CLIENTS ?? '1000,5000')
  .split(',')
  .map((n) => Number(n.trim()))
  .filter((n) => n > 0);
const rounds = Number(process.env.BENCH_ROUNDS ?? 30);
const warmUpRounds = Number(process.env.BENCH_WARMUP ?? 3);
const pauseMs = Number(process.env.BENCH_PAUSE_MS ?? 50);
const batchSize = Number(process.env.BENCH_BATCH ?? 200);
/** Bare Socket.IO before the app for each N (default after it), to see what the order does. */
const bareFirst = process.env.BENCH_BARE_FIRST === '1';
const tokenCount = 10;
const roundTimeoutMs = 15_000;
const connectTimeoutMs = 20_000;
const goal = 1.25;
const event = 'auction.bid.placed';

interface Row {
  clients: number;
  target: string;
  /** Measured rounds in which every client received the event. */
  complete: number;
  /** Measured rounds that timed out before every client had it. */
  timedOut: number;
  /** Receipts missing at the time-outs. */
  lost: number;
  /** From sending the POST: the last client's receipt per complete round, and every receipt. */
  allFromSend: number[];
  eachFromSend: number[];
  /** The same from the 201 (receipts before it count as 0). */
  allFrom201: number[];
  eachFrom201: number[];
  /** Receipts that came before the bidder had its 201. */
  early: number;
  /** The POST's round trip (send to 201). */
  post: number[];
  /** Events that were not the one the round waited for (late ones of a timed-out round, duplicates). */
  stray: number;
  error?: string;
}

function emptyRow(clients: number, target: string): Row {
  return {
    clients,
    target,
    complete: 0,
    timedOut: 0,
    lost: 0,
    allFromSend: [],
    eachFromSend: [],
    allFrom201: [],
    eachFrom201: [],
    early: 0,
    post: [],
    stray: 0,
  };
}

interface RoundWait {
  bidCount: number;
  expected: number;
  times: number[];
  done: () => void;
}

/** Receipt times of the one event a round waits for, taken by every client's handler. */
class Receipts {
  stray = 0;
  /** The first payload received, so that bare Socket.IO broadcasts one of the same size. */
  sample: Json | undefined;
  private waiting: RoundWait | undefined;

  readonly onEvent = (payload: unknown): void => {
    const at = performance.now();
    const bidCount = (payload as { bidCount?: unknown } | null)?.bidCount;
    const round = this.waiting;
    if (!round || bidCount !== round.bidCount || round.times.length >= round.expected) {
      this.stray += 1;
      return;
    }
    this.sample ??= payload as Json;
    round.times.push(at);
    if (round.times.length === round.expected) round.done();
  };

  /** Resolves with the receipt times once `expected` clients have the event of `bidCount`, or at the time-out. */
  expect(bidCount: number, expected: number): Promise<number[]> {
    return new Promise((resolve) => {
      const times: number[] = [];
      const finish = () => {
        clearTimeout(timer);
        if (this.waiting?.bidCount === bidCount) this.waiting = undefined;
        resolve(times);
      };
      const timer = setTimeout(finish, roundTimeoutMs);
      this.waiting = { bidCount, expected, times, done: finish };
    });
  }
}

function connectClient(
  url: string,
  token: string | undefined,
  room: string,
  onEvent: (payload: unknown) => void,
): Promise<ClientSocket> {
  const socket = io(url, {
    transports: ['websocket'],
    auth: token ? { token } : {},
    forceNew: true,
    reconnection: false,
    timeout: connectTimeoutMs,
  });
  socket.on(event, onEvent);
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      socket.disconnect();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    socket.once('connect_error', fail);
    socket.once('connect', () => {
      socket
        .timeout(connectTimeoutMs)
        .emitWithAck('subscribe', { room })
        .then(
          (ack: { ok: boolean; code?: string }) =>
            ack.ok ? resolve(socket) : fail(new Error(`subscribe refused: ${ack.code}`)),
          fail,
        );
    });
  });
}

/**
 * Connects `count` clients `batchSize` at a time; on a failure, disconnects those connected and throws what happened.
 */
async function connectClients(
  label: string,
  url: string,
  count: number,
  tokens: string[],
  room: string,
  receipts: Receipts,
): Promise<ClientSocket[]> {
  const clients: ClientSocket[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i += batchSize) {
    const batch = await Promise.allSettled(
      Array.from({ length: Math.min(batchSize, count - i) }, (_, k) =>
        connectClient(url, tokens[(i + k) % tokens.length], room, receipts.onEvent),
      ),
    );
    for (const outcome of batch) if (outcome.status === 'fulfilled') clients.push(outcome.value);
    const failures = batch.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failures.length > 0) {
      for (const client of clients) client.disconnect();
      const reason = failures[0]?.reason instanceof Error ? failures[0].reason.message : String(failures[0]?.reason);
      throw new Error(
        `${clients.length} of ${count} clients connected, ${failures.length} of a batch of ${batch.length} failed (first: ${reason})`,
      );
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const rss = (process.memoryUsage().rss / 1024 / 1024).toFixed(0);
  process.stdout.write(`  ${label}: ${count} clients connected and subscribed in ${seconds} s (rss ${rss} MB)\n`);
  return clients;
}

/** Sends the bid of round `bidCount` and resolves at its 201 (performance.now()). */
type Trigger = (bidCount: number) => Promise<number>;

async function post(url: string, body: unknown, token?: string): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const answered = performance.now();
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST ${url}: expected 201, got ${res.status} ${text}`);
  return answered;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Warm-up rounds, then the measured ones, one bid at a time. */
async function runRounds(row: Row, receipts: Receipts, trigger: Trigger): Promise<Row> {
  for (let round = 1; round <= warmUpRounds + rounds; round += 1) {
    const arrival = receipts.expect(round, row.clients);
    const sent = performance.now();
    const answered = await trigger(round);
    const times = await arrival;
    if (round > warmUpRounds) {
      row.post.push(answered - sent);
      for (const at of times) {
        row.eachFromSend.push(at - sent);
        row.eachFrom201.push(Math.max(0, at - answered));
        if (at < answered) row.early += 1;
      }
      if (times.length === row.clients) {
        row.complete += 1;
        const last = Math.max(...times);
        row.allFromSend.push(last - sent);
        row.allFrom201.push(Math.max(0, last - answered));
      } else {
        row.timedOut += 1;
        row.lost += row.clients - times.length;
      }
    }
    await sleep(pauseMs);
  }
  row.stray = receipts.stray;
  return row;
}

/** The whole app on the embedded profile with the realtime gateway attached; also returns an event as received. */
async function appTarget(clients: number): Promise<{ row: Row; sample: Json | undefined }> {
  const row = emptyRow(clients, 'uty gateway (embedded)');
  return withApp(embeddedEnv(), async ({ base, container, server }) => {
    const gateway = realtimeGatewayOf(container);
    gateway.attach(server);
    const receipts = new Receipts();
    let sockets: ClientSocket[] = [];
    try {
      const seller = await verifiedSeller(base);
      // Two bidders in turn: a bid by the leader only raises their maximum (no auction.bid.placed to the room).
      const [bidder, rival, ...tokens] = await registerBuyers(base, tokenCount + 2);
      const auctionId = await seller.openAuction();
      try {
        sockets = await connectClients(row.target, `${base}/ws`, clients, tokens, `auction:${auctionId}`, receipts);
      } catch (error) {
        row.error = (error as Error).message;
        return { row, sample: undefined };
      }
      const bids = `${base}/api/v1/auctions/${auctionId}/bids`;
      await runRounds(row, receipts, (bidCount) =>
        post(bids, { price: { amount: 1_000 + (bidCount - 1) * 100, currency: 'EUR' } }, bidCount % 2 ? bidder : rival),
      );
      return { row, sample: receipts.sample };
    } finally {
      for (const socket of sockets) socket.disconnect();
      await gateway.close();
    }
  });
}

/**
 * Bare Socket.IO on a bare Express app: POST /bids emits a payload like the app's to the room, then answers 201 with
 * it.
 */
async function bareTarget(clients: number, sample: Json | undefined): Promise<Row> {
  const row = emptyRow(clients, 'bare Socket.IO');
  const room = 'auction:bare';
  const id = '00000000-0000-4000-8000-000000000000';
  const template: Json = sample ?? {
    auctionId: id,
    currentPrice: { amount: 1_000, currency: 'EUR' },
    endsAt: new Date().toISOString(),
    reserveMet: true,
    leadingBidderAlias: 'Bidder 1',
    bidId: id,
    bidderAlias: 'Bidder 1',
    price: { amount: 1_000, currency: 'EUR' },
  };
  const app = express();
  app.use(express.json());
  const { server, base } = await listen(app);
  const ioServer = new SocketServer(server);
  const nsp = ioServer.of('/ws');
  app.post('/bids', (req, res) => {
    const payload = { ...template, bidCount: (req.body as { bidCount: number }).bidCount };
    nsp.to(room).emit(event, payload);
    res.status(201).json(payload);
  });
  nsp.on('connection', (socket) => {
    socket.on('subscribe', (request: { room: string }, ack: (answer: { ok: true }) => void) => {
      void socket.join(request.room);
      ack({ ok: true });
    });
  });
  const receipts = new Receipts();
  let sockets: ClientSocket[] = [];
  try {
    try {
      sockets = await connectClients(row.target, `${base}/ws`, clients, [], room, receipts);
    } catch (error) {
      row.error = (error as Error).message;
      return row;
    }
    return await runRounds(row, receipts, (bidCount) => post(`${base}/bids`, { bidCount }));
  } finally {
    for (const socket of sockets) socket.disconnect();
    ioServer.disconnectSockets(true);
    server.closeAllConnections();
    await ioServer.close().catch(() => undefined);
    if (server.listening) await close(server);
  }
}

/** Nearest-rank percentile; NaN when empty. */
function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

const ms = (value: number) => (Number.isNaN(value) ? '-' : value.toFixed(1));
const ratio = (value: number, bare: number) =>
  Number.isNaN(value) || Number.isNaN(bare) || bare === 0 ? '-' : `${(value / bare).toFixed(2)}x`;

function printTables(pairs: { bare: Row; app: Row }[]): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `\nSocket.IO fan-out of ${event} to one room, ${rounds} rounds (+${warmUpRounds} warm-up) ${pauseMs} ms apart, clients in the servers' process (${availableParallelism()} cores)`,
  );
  out(
    'latency from sending the bid\'s POST to receipt (ms): "all" = the last client of a round (over complete rounds), "each" = every receipt',
  );
  out(
    `${'clients'.padEnd(9)}${'target'.padEnd(26)}${'rounds'.padStart(7)}${'timed out'.padStart(10)}${'lost'.padStart(6)}${'all p50'.padStart(9)}${'all p99'.padStart(9)}${'each p50'.padStart(10)}${'each p99'.padStart(10)}${'p99 vs bare'.padStart(13)}${'goal'.padStart(10)}`,
  );
  for (const { bare, app } of pairs) {
    const bareP99 = percentile(bare.allFromSend, 99);
    for (const row of [bare, app]) {
      const head = `${String(row.clients).padEnd(9)}${row.target.padEnd(26)}`;
      if (row.error) {
        out(`${head}failed: ${row.error}`);
        continue;
      }
      const p99 = percentile(row.allFromSend, 99);
      const vs = row === bare ? '' : ratio(p99, bareP99);
      const goalText = row === bare ? '' : `<= ${goal}x`;
      out(
        `${head}${String(row.complete).padStart(7)}${String(row.timedOut).padStart(10)}${String(row.lost).padStart(6)}${ms(percentile(row.allFromSend, 50)).padStart(9)}${ms(p99).padStart(9)}${ms(percentile(row.eachFromSend, 50)).padStart(10)}${ms(percentile(row.eachFromSend, 99)).padStart(10)}${vs.padStart(13)}${goalText.padStart(10)}`,
      );
    }
  }
  out('\nthe same from the 201 (a receipt before the 201 counts as 0), and the POST itself (send to 201)');
  out(
    `${'clients'.padEnd(9)}${'target'.padEnd(26)}${'all p50'.padStart(9)}${'all p99'.padStart(9)}${'each p50'.padStart(10)}${'each p99'.padStart(10)}${'before 201'.padStart(12)}${'POST p50'.padStart(10)}${'POST p99'.padStart(10)}${'p99 vs bare'.padStart(13)}${'stray'.padStart(7)}`,
  );
  for (const { bare, app } of pairs) {
    const bareP99 = percentile(bare.allFrom201, 99);
    for (const row of [bare, app]) {
      if (row.error) continue;
      const p99 = percentile(row.allFrom201, 99);
      const receipts = row.eachFrom201.length;
      const early = receipts === 0 ? '-' : `${((row.early / receipts) * 100).toFixed(0)} %`;
      out(
        `${String(row.clients).padEnd(9)}${row.target.padEnd(26)}${ms(percentile(row.allFrom201, 50)).padStart(9)}${ms(p99).padStart(9)}${ms(percentile(row.eachFrom201, 50)).padStart(10)}${ms(percentile(row.eachFrom201, 99)).padStart(10)}${early.padStart(12)}${ms(percentile(row.post, 50)).padStart(10)}${ms(percentile(row.post, 99)).padStart(10)}${(row === bare ? '' : ratio(p99, bareP99)).padStart(13)}${String(row.stray).padStart(7)}`,
      );
    }
  }
}

/**
 * Collects the garbage of the previous target (its thousands of closed sockets) and lets the process settle, so that it
 * does not land in the next one's rounds.
 */
async function settle(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  await sleep(500);
  gc();
  await sleep(500);
}

/** The soft limit on open files, from /proc (Linux); undefined elsewhere. */
function openFileLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === undefined || soft === 'unlimited' ? Number.POSITIVE_INFINITY : Number(soft);
  } catch {
    return undefined;
  }
}

/** Per client count: the all-received p99 (from sending the POST) of bare Socket.IO and of the app; NaN if none. */
export interface FanoutFigures {
  clients: number;
  /** The largest app/bare ratio of the p99s that meets the goal. */
  goal: number;
  bareP99: number;
  appP99: number;
  error?: string;
}

/** Runs every client count, prints the tables, and returns the p99s the goal compares (for bench:all). */
export async function runFanoutBench(): Promise<FanoutFigures[]> {
  const limit = openFileLimit();
  const needed = 2 * Math.max(...clientCounts) + 200;
  process.stdout.write(
    `fan-out bench: clients ${clientCounts.join(', ')}; open files soft limit ${limit ?? 'unknown'} (about ${needed} needed)\n`,
  );
  if (limit !== undefined && limit < needed)
    process.stdout.write(
      `  the limit is too low for the largest N: run \`ulimit -n ${Math.max(needed, 20_000)}\` first; targets that cannot connect are reported as failed\n`,
    );
  const pairs: { bare: Row; app: Row }[] = [];
  for (const clients of clientCounts) {
    process.stdout.write(`${clients} clients${bareFirst ? ' (bare Socket.IO first)' : ''}\n`);
    const app = async (): Promise<{ row: Row; sample: Json | undefined }> => {
      await settle();
      return appTarget(clients).catch((error: unknown) => ({
        row: { ...emptyRow(clients, 'uty gateway (embedded)'), error: (error as Error).message },
        sample: undefined,
      }));
    };
    const bare = async (sample: Json | undefined): Promise<Row> => {
      await settle();
      return bareTarget(clients, sample).catch((error: unknown): Row => ({
        ...emptyRow(clients, 'bare Socket.IO'),
        error: (error as Error).message,
      }));
    };
    if (bareFirst) {
      const bareRow = await bare(undefined);
      pairs.push({ bare: bareRow, app: (await app()).row });
    } else {
      const { row, sample } = await app();
      pairs.push({ bare: await bare(sample), app: row });
    }
  }
  printTables(pairs);
  return pairs.map(({ bare, app }) => ({
    clients: app.clients,
    goal,
    bareP99: percentile(bare.allFromSend, 99),
    appP99: percentile(app.allFromSend, 99),
    ...(app.error || bare.error ? { error: app.error ?? bare.error } : {}),
  }));
}

if (isEntry(import.meta.url)) await runFanoutBench();
