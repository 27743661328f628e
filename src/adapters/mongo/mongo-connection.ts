import type { Db, MongoClient } from 'mongodb';
import type { HealthCheck } from '../platform/runtime.js';

export const MongoDbToken = Symbol.for('MongoDb');

/** Connects; an 'error' the client emits later goes to `onError` (the driver reconnects by itself). */
export async function connectMongo(
  url: string,
  database: string,
  onError: (error: Error) => void,
): Promise<{ client: MongoClient; db: Db }> {
  // Loaded here: a process without MONGO_URL never loads the driver.
  const { MongoClient } = await import('mongodb');
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 5000 });
  client.on('error', onError);
  await client.connect();
  return { client, db: client.db(database) };
}

export function mongoHealthCheck(db: Db): HealthCheck {
  return {
    name: 'mongodb',
    kind: 'store',
    ping: async () => {
      await db.command({ ping: 1 });
    },
  };
}
