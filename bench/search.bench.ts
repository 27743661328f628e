/**
 * Listing search latency at growing catalog sizes: how the five typical searches scale. Each size
 * is seeded (not timed) with the seeded fixture of the search contract suite, into the embedded
 * default (the memory adapter and its indexes), or into a fresh MongoDB/FerretDB database when
 * MONGO_URL is set.
 *
 *   npm run bench:search                                      # embedded default
 *   MONGO_URL=mongodb://127.0.0.1:27017 npm run bench:search  # MongoDB or FerretDB
 *   BENCH_SIZES=10000,100000 BENCH_RUNS=500 npm run bench:search  # the defaults (50 runs on MongoDB)
 *
 * Every size is seeded first, then each query is timed on the sizes in turn. Prints p50/p95/p99 in ms of the first page (limit 20) per query and size, the cost ratio of the
 * largest size to the smallest (cost: the median time of a search averaged over ten in a row, steadier
 * than a single-search percentile at a few µs), and the goals (p95 < 20 ms at the largest size; ratio < 2x).
 * Asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import type { ListingRepository, ListingSearchQuery } from '../src/application/catalog/ports/listing-repository.js';
import {
  categoryId,
  fixtureCategories,
  fixtureListings,
  subtreeIds,
} from '../test/contract/catalog/catalog-fixture.js';
import { isEntry } from './support/is-entry.js';
import { memoryStore, mongoStore, type SearchStore, type SeededStore } from './support/search-stores.js';

const url = process.env.MONGO_URL;
const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? (url ? 50 : 500));
const warmUps = Math.min(runs, 200);
const goals = { p95Ms: 20, ratio: 2 };

const categories = fixtureCategories();
const under = (name: string): string[] => subtreeIds(categories, categoryId(name));

const scenarios: { name: string; query: ListingSearchQuery }[] = [
  { name: 'text, one word', query: { text: 'vélo', sort: 'newest', limit: 20 } },
  {
    name: 'text + category subtree',
    query: { text: 'électrique', categoryIds: under('Véhicules'), sort: 'newest', limit: 20 },
  },
  {
    name: 'category + price range, price_asc',
    query: { categoryIds: under('Cuisine'), minPrice: 999, maxPrice: 49_900, sort: 'price_asc', limit: 20 },
  },
  {
    name: 'attribute filter, newest',
    query: { attributes: [{ key: 'condition', anyOf: ['neuf'] }], sort: 'newest', limit: 20 },
  },
  { name: 'seller, newest', query: { sellerId: 'seller-2', sort: 'newest', limit: 20 } },
];

export interface Figures {
  p50: number;
  p95: number;
  p99: number;
  /** The median of the mean time of ten consecutive searches: what the size ratio compares. */
  cost: number;
  found: number;
}

/** Consecutive runs averaged together for `cost`, so that timer and scheduler jitter of a few µs cancel out. */
const costGroup = 10;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

/**
 * Times one query on every size in turn, run after run, so that a busy moment of the (shared)
 * machine falls on every size alike and the ratio between sizes stays meaningful.
 */
async function measureInTurn(repos: ListingRepository[], query: ListingSearchQuery): Promise<Figures[]> {
  const found: number[] = [];
  for (const repo of repos) {
    for (let i = 0; i < warmUps; i += 1) await repo.search(query);
    found.push((await repo.search(query)).items.length);
  }
  const times = repos.map((): number[] => []);
  for (let i = 0; i < runs; i += 1) {
    for (const [index, repo] of repos.entries()) {
      const started = performance.now();
      await repo.search(query);
      times[index]!.push(performance.now() - started);
    }
  }
  return times.map((own, index) => figuresOf(own, found[index]!));
}

function figuresOf(times: number[], found: number): Figures {
  const cost = percentile(groupMeans(times, costGroup).sort(byValue), 50);
  const sorted = [...times].sort(byValue);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), cost, found };
}

const byValue = (a: number, b: number): number => a - b;

function groupMeans(times: number[], size: number): number[] {
  const means: number[] = [];
  for (let start = 0; start + size <= times.length; start += size)
    means.push(times.slice(start, start + size).reduce((sum, time) => sum + time, 0) / size);
  return means.length > 0 ? means : times;
}

async function seedAll(store: SearchStore): Promise<SeededStore[]> {
  const seeded: SeededStore[] = [];
  for (const size of sizes) {
    seeded.push(await store.seed(fixtureListings(size)));
    process.stdout.write(`seeded ${size} listings in ${seeded.at(-1)!.seedSeconds.toFixed(1)} s\n`);
  }
  return seeded;
}

const ms = (value: number): string => value.toFixed(2);

/** `byScenario[scenario][size]`, in the order of `scenarios` and `sizes`. */
function print(storeName: string, byScenario: Figures[][]): void {
  const largest = sizes.at(-1)!;
  const head = sizes.map((size) => ['p50', 'p95', 'p99'].map((p) => `${size} ${p}`.padStart(12)).join('')).join('');
  const ratioTitle = `cost ${largest}/${sizes[0]}`;
  process.stdout.write(`\nlisting search on ${storeName}, first page of 20, ${runs} runs each (ms)\n`);
  process.stdout.write(`${'query'.padEnd(36)}${head}${ratioTitle.padStart(18)}${'found'.padStart(8)}\n`);
  const ratios = scenarios.map((scenario, i) => {
    const row = byScenario[i]!;
    const cells = row.map((f) => [f.p50, f.p95, f.p99].map((v) => ms(v).padStart(12)).join('')).join('');
    const ratio = row.at(-1)!.cost / row[0]!.cost;
    const found = String(row.at(-1)!.found);
    process.stdout.write(
      `${scenario.name.padEnd(36)}${cells}${`${ratio.toFixed(2)}x`.padStart(18)}${found.padStart(8)}\n`,
    );
    return ratio;
  });
  const worstP95 = Math.max(...byScenario.map((row) => row.at(-1)!.p95));
  const worstRatio = Math.max(...ratios);
  const verdict = (met: boolean): string => (met ? 'met' : 'MISSED');
  process.stdout.write(
    `goals: p95 < ${goals.p95Ms} ms at ${largest}: ${verdict(worstP95 < goals.p95Ms)} (worst ${ms(worstP95)} ms); ` +
      `${largest}/${sizes[0]} < ${goals.ratio}x: ${verdict(worstRatio < goals.ratio)} (worst ${worstRatio.toFixed(2)}x)\n`,
  );
}

/** What bench:all reads: the store, the sizes, and per query its figures at each size (in the order of `sizes`). */
export interface SearchFigures {
  store: string;
  sizes: number[];
  goals: typeof goals;
  queries: { name: string; bySize: Figures[] }[];
}

/** Seeds, times, prints the table and its goals line, and returns the figures (for bench:all). */
export async function runSearchBench(): Promise<SearchFigures> {
  const store = url ? await mongoStore(url) : memoryStore();
  const seeded: SeededStore[] = [];
  try {
    seeded.push(...(await seedAll(store)));
    const byScenario: Figures[][] = [];
    for (const { query } of scenarios)
      byScenario.push(
        await measureInTurn(
          seeded.map(({ repo }) => repo),
          query,
        ),
      );
    print(store.name, byScenario);
    return {
      store: store.name,
      sizes,
      goals,
      queries: scenarios.map(({ name }, i) => ({ name, bySize: byScenario[i]! })),
    };
  } finally {
    for (const { drop } of seeded) await drop();
    await store.close();
  }
}

if (sizes.some((size) => !Number.isInteger(size) || size <= 0) || !Number.isInteger(runs) || runs <= 0) {
  process.stderr.write('BENCH_SIZES must be positive integers separated by commas, BENCH_RUNS a positive integer\n');
  process.exit(1);
}
if (isEntry(import.meta.url)) await runSearchBench();
