import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll } from 'vitest';
import { uniqueName } from './real-services.js';

/**
 * Gives the enclosing suite a database of its own on `url`, created before its tests and
 * dropped after them. Call it inside a describe; the returned function gives the database.
 */
export function useMongoDatabase(url: string, prefix = 'uty_test'): () => Db {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 5000 });
  let db: Db | undefined;
  beforeAll(async () => {
    await client.connect();
    db = client.db(uniqueName(prefix));
  });
  afterAll(async () => {
    await db?.dropDatabase();
    await client.close();
  });
  return () => {
    if (!db) throw new Error('the test database opens in beforeAll: use it inside a test or hook');
    return db;
  };
}

/** FerretDB answers `buildInfo` with a `ferretdbVersion` field; MongoDB does not. */
export async function isFerretDb(db: Db): Promise<boolean> {
  const info = await db.command({ buildInfo: 1 });
  return 'ferretdbVersion' in info;
}

/**
 * Whether `url` is served by FerretDB, false when it is not set. Await it at the top of a test
 * file so `it.skipIf(...)` can use it while the tests are collected.
 */
export async function isFerretDbAt(url: string | undefined): Promise<boolean> {
  if (!url) return false;
  const client = await MongoClient.connect(url, { serverSelectionTimeoutMS: 5000 });
  try {
    return await isFerretDb(client.db('admin'));
  } finally {
    await client.close();
  }
}
