/**
 * Listing search latency on MongoDB (or FerretDB) at growing catalog sizes: how the five typical
 * searches scale. Each size is seeded into a fresh database (dropped at the end) with the seeded
 * fixture of the search contract suite, then indexed with `ensureIndexes()`.
 *
 *   MONGO_URL=mongodb://127.0.0.1:27017 npm run bench:search
 *   BENCH_SIZES=10000,100000 BENCH_RUNS=50 npm run bench:search      # the defaults
 *
 * Prints p50/p95 in ms of the first page (limit 20) per size, and the ratio of the largest size
 * to the smallest. Asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { MongoClient, type Db } from 'mongodb';
import { toDocument, type ListingDocument } from '../src/adapters/mongo/catalog/listing-document.js';
import { MongoOutboxStore } from '../src/adapters/mongo/shared/mongo-outbox.js';
import { MongoListingRepository } from '../src/adapters/mongo/catalog/mongo-listing-repository.js';
import type { ListingSearchQuery } from '../src/application/catalog/ports/listing-repository.js';
import {
  categoryId,
  fixtureCategories,
  fixtureListings,
  subtreeIds,
} from '../test/contract/catalog/catalog-fixture.js';

const url = process.env.MONGO_URL;
const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 50);
const warmUps = 3;
const batchSize = 1000;

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

interface Figures {
  p50: number;
  p95: number;
  found: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

/** The repository as the app builds it (its outbox store is only needed for writes). */
function listingRepository(db: Db): MongoListingRepository {
  return new MongoListingRepository(db, new MongoOutboxStore(db.collection('listings')));
}

async function seed(db: Db, size: number): Promise<number> {
  const started = performance.now();
  const documents = fixtureListings(size).map(toDocument);
  for (let offset = 0; offset < documents.length; offset += batchSize) {
    await db
      .collection<ListingDocument>('listings')
      .insertMany(documents.slice(offset, offset + batchSize), { ordered: false });
  }
  await listingRepository(db).ensureIndexes();
  return (performance.now() - started) / 1000;
}

async function measure(repo: MongoListingRepository, query: ListingSearchQuery): Promise<Figures> {
  let found = 0;
  for (let i = 0; i < warmUps; i += 1) found = (await repo.search(query)).items.length;
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await repo.search(query);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), found };
}

async function benchSize(client: MongoClient, size: number): Promise<Figures[]> {
  const db = client.db(`uty_bench_search_${size}_${Date.now().toString(36)}`);
  try {
    const seconds = await seed(db, size);
    process.stdout.write(`seeded ${size} listings and their indexes in ${seconds.toFixed(1)} s\n`);
    const repo = listingRepository(db);
    const figures: Figures[] = [];
    for (const scenario of scenarios) figures.push(await measure(repo, scenario.query));
    return figures;
  } finally {
    await db.dropDatabase();
  }
}

function print(server: string, results: Figures[][]): void {
  const head = sizes.map((size) => `${`${size} p50`.padStart(12)}${`${size} p95`.padStart(12)}`).join('');
  const ratioTitle = `p50 ${sizes.at(-1)}/${sizes[0]}`;
  process.stdout.write(`\nlisting search on ${server}, first page of 20, ${runs} runs each (ms)\n`);
  process.stdout.write(`${'query'.padEnd(36)}${head}${ratioTitle.padStart(18)}${'found'.padStart(8)}\n`);
  scenarios.forEach((scenario, i) => {
    const row = results.map((figures) => figures[i]!);
    const cells = row.map((f) => `${f.p50.toFixed(1).padStart(12)}${f.p95.toFixed(1).padStart(12)}`).join('');
    const ratio = (row.at(-1)!.p50 / row[0]!.p50).toFixed(1);
    process.stdout.write(
      `${scenario.name.padEnd(36)}${cells}${ratio.padStart(18)}${String(row.at(-1)!.found).padStart(8)}\n`,
    );
  });
}

async function main(mongoUrl: string): Promise<void> {
  const client = await MongoClient.connect(mongoUrl, { serverSelectionTimeoutMS: 5000 });
  try {
    const info = await client.db('admin').command({ buildInfo: 1 });
    const server =
      'ferretdbVersion' in info ? `FerretDB ${String(info.ferretdbVersion)}` : `MongoDB ${String(info.version)}`;
    const results: Figures[][] = [];
    for (const size of sizes) results.push(await benchSize(client, size));
    print(server, results);
  } finally {
    await client.close();
  }
}

if (!url) {
  process.stderr.write('bench:search needs MONGO_URL, e.g. MONGO_URL=mongodb://127.0.0.1:27017 npm run bench:search\n');
  process.exit(1);
}
if (sizes.some((size) => !Number.isInteger(size) || size <= 0) || !Number.isInteger(runs) || runs <= 0) {
  process.stderr.write('BENCH_SIZES must be positive integers separated by commas, BENCH_RUNS a positive integer\n');
  process.exit(1);
}
await main(url);
