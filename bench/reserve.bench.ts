/**
 * Throughput of a hot reservation: many buyers POST /api/v1/cart/items on one listing with a very
 * large stock, through the whole HTTP stack (security headers, request log, metrics, zod, JWT, AddToCart,
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
import {
  benchKeyPrefix,
  call,
  deleteKeys,
  embeddedEnv,
  load,
  printFigures,
  registerBuyers,
  verifiedSeller,
  withApp,
  withBareExpress,
  type Figures,
} from './support/http-bench.js';
import { isEntry } from './support/is-entry.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 100);
const buyerCount = Number(process.env.BENCH_BUYERS ?? 200);
const warmUpSeconds = 1;
/** The largest quantity a listing accepts (createListingBody caps it at 1,000,000). */
const stock = 1_000_000;
const path = '/api/v1/cart/items';

async function measure(name: string, base: string, body: string, tokens: string[], goal?: number): Promise<Figures> {
  await load({ name, base, path, body, tokens, connections, duration: warmUpSeconds });
  return load({ name, base, path, body, tokens, connections, duration: seconds, goal });
}

async function profile(
  name: string,
  env: NodeJS.ProcessEnv,
  goal: number,
): Promise<{ figures: Figures; tokens: string[] }> {
  return withApp(env, async ({ base }) => {
    const listingId = await (await verifiedSeller(base)).publishedListing(stock);
    const tokens = await registerBuyers(base, buyerCount);
    const figures = await measure(name, base, JSON.stringify({ listingId, quantity: 1 }), tokens, goal);
    const left = await call(base, 'GET', `/api/v1/listings/${listingId}`);
    process.stdout.write(
      `${name}: ${tokens.length} buyers, stock ${stock}, available after the run ${String(left.body.availableQuantity)}\n`,
    );
    return { figures, tokens };
  });
}

/** Runs the profiles and bare Express, prints the table, and returns the figures (for bench:all). */
export async function runReserveBench(): Promise<{ bare: Figures; profiles: Figures[] }> {
  const embedded = await profile('embedded (memory StockLedger)', embeddedEnv(), 70);
  const rows = [embedded.figures];
  const redisUrl = process.env.REDIS_URL;
  if (redisUrl) {
    const prefix = benchKeyPrefix();
    try {
      const name = `Redis StockLedger${process.env.MONGO_URL ? ' + MongoDB' : ''}`;
      rows.push((await profile(name, { ...process.env, REDIS_KEY_PREFIX: prefix }, 50)).figures);
    } finally {
      const deleted = await deleteKeys(redisUrl, prefix);
      process.stdout.write(`deleted ${deleted} Redis keys under ${prefix}\n`);
    }
  }
  const body = JSON.stringify({ listingId: 'x', quantity: 1 });
  const bare = await withBareExpress(path, (base) =>
    measure('bare Express POST (201 JSON)', base, body, embedded.tokens),
  );
  printFigures(
    `POST ${path}, one hot listing, ${buyerCount} buyers, ${seconds} s each (+${warmUpSeconds} s warm-up), ${connections} connections`,
    bare,
    rows,
  );
  return { bare, profiles: rows };
}

if (isEntry(import.meta.url)) await runReserveBench();
