/**
 * Throughput of a hot auction: 100 connections POST /api/v1/auctions/:id/bids on one live auction,
 * every request one increment above the previous one sent (bench/support/next-bid.cjs), through
 * the whole HTTP stack (JWT, zod, PlaceBid, the atomic live state, the bid log, the event bus),
 * compared with a bare Express app answering one POST route in the same run.
 *
 *   npm run bench:bids                                        # embedded default (memory adapters)
 *   REDIS_URL=redis://127.0.0.1:6379 MONGO_URL=mongodb://127.0.0.1:27017 npm run bench:bids
 *       # both profiles in one run: embedded first, then the Redis live state and schedule with
 *       # MongoDB auctions and bids, under a unique REDIS_KEY_PREFIX and MONGO_DB removed at the end
 *   BENCH_BIDS=20000 BENCH_CONNECTIONS=100 BENCH_BUYERS=200 npm run bench:bids
 *
 * Each profile runs a fixed number of bids (so that every response is counted) on a fresh auction
 * after a warm-up on another one. Prints req/s, p50, p99, the non-2xx answers (409s are bids
 * overtaken in flight by a higher one) and the ratio to bare Express (goal: >= 70 % embedded,
 * >= 50 % Redis + MongoDB), then per profile the accepted bids (201) beside the
 * `auction.bid.placed` events the outbox relay published, the bid log and the auction's bidCount
 * (live and stored), once the outbox has drained: all must be equal. A request that lands while its
 * bidder leads raises their maximum (1.1): `auction.max.raised`, a `max_raise` log entry, not in
 * bidCount; the tally counts it with the bids (events of both topics, bidCount plus the raises).
 * Asserts nothing; listens on 127.0.0.1 only; RabbitMQ is not used (in-process bus).
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Container } from 'inversify';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import { AuctionRepository } from '../src/application/auctions/ports/auction-repository.js';
import { BidRepository } from '../src/application/auctions/ports/bid-repository.js';
import { StockLedger } from '../src/application/cart/ports/stock-ledger.js';
import { EventBus } from '../src/application/shared/events/event-bus.js';
import {
  benchKeyPrefix,
  call,
  deleteKeys,
  embeddedEnv,
  load,
  openAuction,
  printFigures,
  registerBuyers,
  verifiedSeller,
  withApp,
  withBareExpress,
  type Figures,
  type Seller,
} from './support/http-bench.js';
import { isEntry } from './support/is-entry.js';

const bids = Number(process.env.BENCH_BIDS ?? 20_000);
const warmUpBids = Math.min(2_000, bids);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 100);
const buyerCount = Number(process.env.BENCH_BUYERS ?? 200);
const nextBid = fileURLToPath(new URL('./support/next-bid.cjs', import.meta.url));

interface Tally {
  name: string;
  accepted: number;
  refused: number;
  events: number;
  logged: number;
  stored: number;
  bidCount: number;
  currentPrice: number;
}

/** Counts `auction.bid.placed` and `auction.max.raised` per auction as the outbox relay publishes them. */
function countBidEvents(container: Container): Map<string, number> {
  const counts = new Map<string, number>();
  const bus = container.get<EventBus>(EventBus);
  const publishEnvelope = bus.publishEnvelope.bind(bus);
  bus.publishEnvelope = async (envelope) => {
    await publishEnvelope(envelope);
    if (envelope.topic === 'auction.bid.placed' || envelope.topic === 'auction.max.raised') {
      const auctionId = (envelope.payload as { auctionId: string }).auctionId;
      counts.set(auctionId, (counts.get(auctionId) ?? 0) + 1);
    }
  };
  return counts;
}

/** The entries the log holds for the auction (every page), and how many of them are raises. */
async function loggedBids(container: Container, auctionId: string): Promise<{ entries: number; raises: number }> {
  const bids = container.get<BidRepository>(BidRepository);
  const counted = { entries: 0, raises: 0 };
  let cursor: string | undefined;
  do {
    const page = await bids.listByAuction(auctionId, { limit: 100, ...(cursor ? { cursor } : {}) });
    counted.entries += page.items.length;
    counted.raises += page.items.filter((bid) => bid.kind === 'max_raise').length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return counted;
}

/** Events published, bids logged and the stored bidCount once they reach `accepted` (or 60 s have passed). */
async function followed(
  container: Container,
  events: Map<string, number>,
  auctionId: string,
  accepted: number,
): Promise<Pick<Tally, 'events' | 'logged' | 'stored'>> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const bidCount = (await container.get<AuctionRepository>(AuctionRepository).findById(auctionId))?.bidCount ?? 0;
    const { entries, raises } = await loggedBids(container, auctionId);
    const counts = { events: events.get(auctionId) ?? 0, logged: entries, stored: bidCount + raises };
    if ((counts.events >= accepted && counts.logged >= accepted && counts.stored >= accepted) || Date.now() > deadline)
      return counts;
    await sleep(200);
  }
}

function bidLoad(
  name: string,
  base: string,
  auctionId: string,
  tokens: string[],
  amount: number,
  goal?: number,
): Promise<Figures> {
  const body = JSON.stringify({ price: { amount: 1_000, currency: 'EUR' } });
  return load({
    name,
    base,
    path: `/api/v1/auctions/${auctionId}/bids`,
    body,
    tokens,
    connections,
    amount,
    setupRequest: nextBid,
    goal,
  });
}

/**
 * A live auction on a new listing once the stock ledger holds the listing: the ledger follows the
 * listing through the outbox, and GET /listings/:id shows the listing's quantity until it does.
 */
async function seededAuction(base: string, container: Container, seller: Seller): Promise<string> {
  const listingId = await seller.publishedListing(1);
  const deadline = Date.now() + 30_000;
  while (!(await container.get<StockLedger>(StockLedger).level(listingId))) {
    if (Date.now() > deadline) throw new Error(`listing ${listingId} not in the stock ledger after 30 s`);
    await sleep(50);
  }
  return openAuction(base, seller.token, listingId);
}

async function profile(
  name: string,
  env: NodeJS.ProcessEnv,
  goal: number,
): Promise<{ figures: Figures; tally: Tally; tokens: string[] }> {
  return withApp(env, async ({ base, container }) => {
    const events = countBidEvents(container);
    const seller = await verifiedSeller(base);
    const tokens = await registerBuyers(base, buyerCount);
    const warmUp = await seededAuction(base, container, seller);
    const warmed = await bidLoad(name, base, warmUp, tokens, warmUpBids);
    await followed(container, events, warmUp, warmed.statuses['201'] ?? 0);
    const auctionId = await seededAuction(base, container, seller);
    const figures = await bidLoad(name, base, auctionId, tokens, bids, goal);
    const auction = (await call(base, 'GET', `/api/v1/auctions/${auctionId}`)).body;
    const accepted = figures.statuses['201'] ?? 0;
    const tally: Tally = {
      name,
      accepted,
      refused: figures.statuses['409'] ?? 0,
      ...(await followed(container, events, auctionId, accepted)),
      bidCount: (auction.bidCount as number) + (await loggedBids(container, auctionId)).raises,
      currentPrice: (auction.currentPrice as { amount: number }).amount,
    };
    return { figures, tally, tokens };
  });
}

/** The Redis + MongoDB profile, on a key prefix and a database of its own that are removed after. */
async function realProfile(redisUrl: string, mongoUrl: string): Promise<{ figures: Figures; tally: Tally }> {
  const prefix = benchKeyPrefix();
  const database = `uty_bench_${randomBytes(4).toString('hex')}`;
  try {
    return await profile(
      'Redis live state + MongoDB',
      {
        ...embeddedEnv(),
        REDIS_URL: redisUrl,
        MONGO_URL: mongoUrl,
        REDIS_KEY_PREFIX: prefix,
        MONGO_DB: database,
        JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(48).toString('base64url'),
      },
      50,
    );
  } finally {
    const deleted = await deleteKeys(redisUrl, prefix);
    const mongo = await MongoClient.connect(mongoUrl);
    await mongo.db(database).dropDatabase();
    await mongo.close();
    process.stdout.write(`deleted ${deleted} Redis keys under ${prefix} and the database ${database}\n`);
  }
}

function printTallies(tallies: Tally[]): void {
  const columns: [string, number][] = [
    ['201', 8],
    ['409', 8],
    ['events', 8],
    ['log', 8],
    ['stored', 8],
    ['bidCount', 10],
    ['final price', 13],
  ];
  process.stdout.write(
    `\nmeasured auction${' '.repeat(24)}${columns.map(([title, width]) => title.padStart(width)).join('')}  equal\n`,
  );
  for (const t of tallies) {
    const equal = [t.events, t.logged, t.stored, t.bidCount].every((count) => count === t.accepted) ? 'yes' : 'NO';
    const values = [t.accepted, t.refused, t.events, t.logged, t.stored, t.bidCount, t.currentPrice];
    process.stdout.write(
      `${t.name.padEnd(40)}${values.map((value, i) => String(value).padStart(columns[i]![1])).join('')}  ${equal}\n`,
    );
  }
}

/** Runs the profiles and bare Express, prints their tables, and returns the figures (for bench:all). */
export async function runBidsBench(): Promise<{ bare: Figures; profiles: Figures[] }> {
  const embedded = await profile('embedded (memory live state)', embeddedEnv(), 70);
  const results: { figures: Figures; tally: Tally }[] = [embedded];
  const { REDIS_URL: redisUrl, MONGO_URL: mongoUrl } = process.env;
  if (redisUrl && mongoUrl) results.push(await realProfile(redisUrl, mongoUrl));
  const body = JSON.stringify({ price: { amount: 1_000, currency: 'EUR' } });
  const bare = await withBareExpress('/api/v1/auctions/:id/bids', async (base) => {
    await load({
      name: 'bare',
      base,
      path: '/api/v1/auctions/x/bids',
      body,
      tokens: embedded.tokens,
      connections,
      amount: warmUpBids,
    });
    return load({
      name: 'bare Express POST (201 JSON)',
      base,
      path: '/api/v1/auctions/x/bids',
      body,
      tokens: embedded.tokens,
      connections,
      amount: bids,
      setupRequest: nextBid,
    });
  });
  const title = `POST /api/v1/auctions/:id/bids, one hot auction, ${buyerCount} bidders, ${bids} bids each (+${warmUpBids} warm-up), ${connections} connections`;
  printFigures(
    title,
    bare,
    results.map((r) => r.figures),
  );
  printTallies(results.map((r) => r.tally));
  return { bare, profiles: results.map((r) => r.figures) };
}

if (isEntry(import.meta.url)) await runBidsBench();
