import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import type { ObjectStorage, PresignedUpload } from '../../../src/application/media/ports/object-storage.js';
import type { ManualClock } from '../../../src/adapters/memory/shared/manual-clock.js';

export interface ObjectStorageUnderTest {
  storage: ObjectStorage;
  /** The storage's clock; set to the real time before each test. */
  clock: ManualClock;
}

export interface ObjectStorageContractOptions {
  /**
   * Whether the server checks the signature of presigned requests against the request. s3rver
   * 3.7.1 does not check V4 signatures at all (only their expiry), so a PUT with another
   * Content-Type, another body length or a tampered URL goes through there; real S3 and MinIO
   * refuse them, since the upload URL signs Content-Type and Content-Length.
   */
  verifiesSignatures: boolean;
}

const TTL = 300;
const newKey = () => `media/contract-${randomUUID()}`;

async function upload(
  presigned: PresignedUpload,
  body: Uint8Array,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(presigned.url, { method: presigned.method, headers: { ...presigned.headers, ...headers }, body });
}

/** The behaviour every ObjectStorage must have, driven like a client would: fetch on the presigned URLs. */
export function objectStorageContract(
  setup: () => ObjectStorageUnderTest | Promise<ObjectStorageUnderTest>,
  options: ObjectStorageContractOptions,
): void {
  let storage: ObjectStorage;
  let clock: ManualClock;
  const bytes = new Uint8Array(randomBytes(2048));
  beforeAll(async () => {
    ({ storage, clock } = await setup());
  });
  beforeEach(() => clock.set(new Date()));

  const presignPng = (key: string, size = bytes.length, expiresInSeconds = TTL) =>
    storage.presignPut({ key, contentType: 'image/png', size, expiresInSeconds });

  it('presigns an absolute PUT URL with the Content-Type header to send and its expiry', async () => {
    const presigned = await presignPng(newKey());
    expect(presigned.url).toMatch(/^https?:\/\/[^/]+\//);
    expect(presigned).toMatchObject({ method: 'PUT', headers: { 'Content-Type': 'image/png' } });
    expect(Math.abs(presigned.expiresAt.getTime() - (clock.now().getTime() + TTL * 1000))).toBeLessThanOrEqual(1000);
  });

  it('stores an upload sent with the returned method and headers: head gives its type and size', async () => {
    const key = newKey();
    const res = await upload(await presignPng(key), bytes);
    expect(res.status, await res.text()).toBe(200);
    expect(await storage.head(key)).toEqual({ contentType: 'image/png', size: bytes.length });
  });

  it('serves the uploaded bytes on a presigned GET', async () => {
    const key = newKey();
    await upload(await presignPng(key), bytes);
    const res = await fetch(await storage.presignGet(key, TTL));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  });

  it('answers null to head for a key with nothing stored', async () => {
    expect(await storage.head(newKey())).toBeNull();
  });

  it('deletes an object (a presigned GET then answers 404); deleting an absent one is no error', async () => {
    const key = newKey();
    await upload(await presignPng(key), bytes);
    await storage.delete(key);
    await storage.delete(key);
    expect(await storage.head(key)).toBeNull();
    expect((await fetch(await storage.presignGet(key, TTL))).status).toBe(404);
  });

  it('refuses an expired upload URL with 403 and stores nothing', async () => {
    const key = newKey();
    clock.set(new Date(Date.now() - 10 * 60_000));
    const presigned = await presignPng(key, bytes.length, 60);
    clock.set(new Date());
    expect((await upload(presigned, bytes)).status).toBe(403);
    expect(await storage.head(key)).toBeNull();
  });

  it('refuses an expired download URL with 403', async () => {
    const key = newKey();
    await upload(await presignPng(key), bytes);
    clock.set(new Date(Date.now() - 10 * 60_000));
    const url = await storage.presignGet(key, 60);
    clock.set(new Date());
    expect((await fetch(url)).status).toBe(403);
  });

  const signed = it.skipIf(!options.verifiesSignatures);
  const skipReason = options.verifiesSignatures
    ? ''
    : ' (skipped: this server does not check V4 signatures; S3 and MinIO do)';

  signed(`refuses a PUT with another Content-Type (4xx) and stores nothing${skipReason}`, async () => {
    const key = newKey();
    const res = await upload(await presignPng(key), bytes, { 'Content-Type': 'image/jpeg' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await storage.head(key)).toBeNull();
  });

  signed(`refuses a body larger than the signed size (4xx) and stores nothing${skipReason}`, async () => {
    const key = newKey();
    const res = await upload(await presignPng(key, 100), bytes);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await storage.head(key)).toBeNull();
  });

  signed(`refuses a URL whose signature does not match (another key) with 403${skipReason}`, async () => {
    const key = newKey();
    const presigned = await presignPng(key);
    const res = await upload(
      { ...presigned, url: presigned.url.replace(key.split('/')[1] ?? key, 'someone-else') },
      bytes,
    );
    expect(res.status).toBe(403);
  });
}
