import { afterAll, describe, expect, it } from 'vitest';
import { ObjectStorage } from '../../../src/application/media/ports/object-storage.js';
import { ManualClock } from '../../../src/adapters/memory/shared/manual-clock.js';
import { S3ObjectStorage } from '../../../src/adapters/s3/s3-object-storage.js';
import { createListeningTestApp, type ListeningTestApp } from '../../support/listening-app.js';
import { S3RVER_CREDENTIALS, useS3rver } from '../../support/s3rver.js';
import { objectStorageContract } from './object-storage.contract.js';

describe('EmbeddedObjectStorage, served by the app on a real HTTP server', () => {
  let t: ListeningTestApp | undefined;
  afterAll(() => t?.close());
  objectStorageContract(
    async () => {
      t = await createListeningTestApp();
      return { storage: t.container.get<ObjectStorage>(ObjectStorage), clock: t.clock };
    },
    { verifiesSignatures: true },
  );
});

describe('S3ObjectStorage on s3rver', () => {
  const bucket = 'uty-contract';
  const endpoint = useS3rver(bucket);
  const clock = new ManualClock();
  let storage: S3ObjectStorage;
  afterAll(() => storage.close());
  objectStorageContract(
    () => {
      storage = new S3ObjectStorage(
        { bucket, region: 'us-east-1', endpoint: endpoint(), forcePathStyle: true, ...S3RVER_CREDENTIALS },
        clock,
      );
      return { storage, clock };
    },
    { verifiesSignatures: false },
  );

  it('signs Content-Type and Content-Length into the upload URL, which S3 and MinIO enforce (s3rver does not)', async () => {
    const presigned = await storage.presignPut({
      key: 'media/signed',
      contentType: 'image/webp',
      size: 1234,
      expiresInSeconds: 120,
    });
    const query = new URL(presigned.url).searchParams;
    expect(query.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(query.get('X-Amz-Expires')).toBe('120');
    expect(query.get('X-Amz-Content-Sha256')).toBe('UNSIGNED-PAYLOAD');
    expect(presigned.url.startsWith(`${endpoint()}/${bucket}/media/signed?`)).toBe(true);
  });

  it('reaches the bucket (the /readyz check) and fails for a missing one', async () => {
    await expect(storage.ping()).resolves.toBeUndefined();
    const missing = new S3ObjectStorage(
      {
        bucket: 'no-such-bucket',
        region: 'us-east-1',
        endpoint: endpoint(),
        forcePathStyle: true,
        ...S3RVER_CREDENTIALS,
      },
      clock,
    );
    await expect(missing.ping()).rejects.toThrow();
    missing.close();
  });
});
