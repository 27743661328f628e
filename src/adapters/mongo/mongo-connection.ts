import { MongoClient, type Db } from 'mongodb';
import type { HealthCheck } from '../platform/runtime.js';

export const MongoDbToken = Symbol.for('MongoDb');

export async function connectMongo(url: string, database: string): Promise<{ client: MongoClient; db: Db }> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  return { client, db: client.db(database) };
}

export function mongoHealthCheck(db: Db): HealthCheck {
  return {
    name: 'mongodb',
    ping: async () => {
      await db.command({ ping: 1 });
    },
  };
}
