import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll } from 'vitest';

/** s3rver's built-in account. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * Runs s3rver (an npm-local S3 stand-in, so it always runs) on 127.0.0.1 and a random port, with
 * `bucket` created in a temporary directory, for the enclosing suite. The returned function gives
 * its endpoint URL.
 */
export function useS3rver(bucket: string): () => string {
  let server: S3rver | undefined;
  let directory: string | undefined;
  let endpoint: string | undefined;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'uty-s3rver-'));
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      directory,
      silent: true,
      configureBuckets: [{ name: bucket }],
    });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await server?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });
  return () => {
    if (!endpoint) throw new Error('s3rver starts in beforeAll: use it inside a test or hook');
    return endpoint;
  };
}
