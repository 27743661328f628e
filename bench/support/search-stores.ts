/**
 * The listing stores bench:search seeds and searches: the embedded default (the memory adapter
 * and its indexes) or MongoDB/FerretDB in a fresh database dropped at the end.
 */
import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import { MemoryListingRepository } from '../../src/adapters/memory/catalog/memory-listing-repository.js';
import { MemoryOutbox } from '../../src/adapters/memory/shared/memory-outbox.js';
import { toDocument, type ListingDocument } from '../../src/adapters/mongo/catalog/listing-document.js';
import { MongoListingRepository } from '../../src/adapters/mongo/catalog/mongo-listing-repository.js';
import { MongoOutboxStore } from '../../src/adapters/mongo/shared/mongo-outbox.js';
import type { ListingRepository } from '../../src/application/catalog/ports/listing-repository.js';
import type { Listing } from '../../src/domain/catalog/listing.js';

/** A repository holding the seeded listings, how long seeding took, and how to throw it away. */
export interface SeededStore {
  repo: ListingRepository;
  seedSeconds: number;
  drop(): Promise<void>;
}

export interface SearchStore {
  /** What is searched, e.g. "embedded (memory)" or "FerretDB 1.24.0". */
  name: string;
  seed(listings: Listing[]): Promise<SeededStore>;
  close(): Promise<void>;
}

const secondsSince = (started: number): number => (performance.now() - started) / 1000;

/** Seeds through `create`, as the app writes: every listing is indexed as it is stored. */
export function memoryStore(): SearchStore {
  return {
    name: 'embedded (memory)',
    async seed(listings) {
      const started = performance.now();
      const repo = new MemoryListingRepository(new MemoryOutbox());
      for (const listing of listings) await repo.create(listing, []);
      return { repo, seedSeconds: secondsSince(started), drop: async () => undefined };
    },
    close: async () => undefined,
  };
}

const mongoBatchSize = 1000;

/** "MongoDB 8.0.4", "FerretDB 1.24.2", or "FerretDB" when built without its version (as .ci/ferretdb builds it). */
function storeName(info: Record<string, unknown>): string {
  if (!('ferretdbVersion' in info)) return `MongoDB ${String(info.version)}`;
  return info.ferretdbVersion === 'unknown' ? 'FerretDB' : `FerretDB ${String(info.ferretdbVersion)}`;
}

/** Seeds with bulk inserts, then builds the indexes with `ensureIndexes()`. */
export async function mongoStore(url: string): Promise<SearchStore> {
  const client = await MongoClient.connect(url, { serverSelectionTimeoutMS: 5000 });
  return {
    name: storeName(await client.db('admin').command({ buildInfo: 1 })),
    async seed(listings) {
      const started = performance.now();
      const db = client.db(`uty_bench_search_${listings.length}_${Date.now().toString(36)}`);
      const documents = listings.map(toDocument);
      for (let offset = 0; offset < documents.length; offset += mongoBatchSize) {
        await db
          .collection<ListingDocument>('listings')
          .insertMany(documents.slice(offset, offset + mongoBatchSize), { ordered: false });
      }
      const repo = new MongoListingRepository(db, new MongoOutboxStore(db.collection('listings')));
      await repo.ensureIndexes();
      return { repo, seedSeconds: secondsSince(started), drop: async () => void (await db.dropDatabase()) };
    },
    close: () => client.close(),
  };
}
