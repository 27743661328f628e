import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { MongoBulkWriteError, MongoServerError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { isDuplicateKeyError, isServerError } from '../../src/adapters/mongo/shared/errors.js';

const run = promisify(execFile);

/** The packages of a real server's adapter: loaded only when its variable is set. */
const drivers = ['mongodb', 'ioredis', 'rascal', 'amqplib', '@aws-sdk/client-s3', 'firebase-admin'];

/** Builds the container and the app on the embedded default in a fresh process, then lists the CommonJS packages it loaded. */
const listPackages = `
  const { createRequire } = await import('node:module');
  const { loadConfig } = await import('./src/config.ts');
  const { buildContainer } = await import('./src/container.ts');
  const { createApp } = await import('./src/adapters/http/app.ts');
  const { pino } = await import('pino');
  const container = await buildContainer(loadConfig({}, () => 'x'.repeat(48)), { logger: pino({ level: 'silent' }) });
  createApp(container);
  const cache = createRequire(process.cwd() + '/').cache;
  const names = Object.keys(cache).map((path) => (path.match(/node_modules\\/((@[^/]+\\/)?[^/]+)/) ?? [])[1]);
  process.stdout.write(JSON.stringify([...new Set(names.filter(Boolean))]));
  process.exit(0);
`;

describe('the embedded default loads no server driver (each is loaded when its adapter connects)', () => {
  it('builds the container and the app without loading MongoDB, Redis, RabbitMQ, S3 or Firebase packages', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', listPackages], {
      env: { PATH: process.env.PATH },
      timeout: 30_000,
    });
    const loaded = JSON.parse(stdout) as string[];
    expect(loaded).toContain('express'); // the list is real
    expect(loaded.filter((name) => drivers.includes(name))).toEqual([]);
  });
});

describe('MongoDB errors are told by name and code (the module does not load the driver)', () => {
  it('a server error, a bulk write error among them, is one; a plain error with the same code is not', () => {
    const duplicate = new MongoServerError({ message: 'E11000 duplicate key', code: 11000, keyPattern: { email: 1 } });
    expect(isServerError(duplicate)).toBe(true);
    expect(isDuplicateKeyError(duplicate, 'email')).toBe(true);
    expect(isDuplicateKeyError(duplicate, 'slug')).toBe(false);
    const bulk = new MongoBulkWriteError({ message: 'E11000', code: 11000 }, {} as never);
    expect(isServerError(bulk)).toBe(true);
    expect(isServerError(Object.assign(new Error('E11000'), { code: 11000 }))).toBe(false);
    expect(isServerError({ name: 'MongoServerError', code: 11000 })).toBe(false);
  });
});
