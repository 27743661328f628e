import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvents } from '../../support/recorded-events.js';
import { settleOutbox } from '../../support/outbox-helpers.js';
import type { EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import {
  expectProblem,
  fieldPaths,
  registerUser,
  signInAdmin,
  TEST_ADMIN,
  type SignedIn,
} from '../../support/http-helpers.js';
import { createListeningTestApp, type ListeningTestApp } from '../../support/listening-app.js';

const MAX_BYTES = 4096;
const png = new Uint8Array(randomBytes(1500));

describe('HTTP media routes on the embedded store', () => {
  let t: ListeningTestApp;
  let admin: { Authorization: string };
  let owner: SignedIn;
  let other: SignedIn;
  let events: EventEnvelope[] = [];

  beforeAll(async () => {
    t = await createListeningTestApp({ ...TEST_ADMIN, MEDIA_MAX_BYTES: String(MAX_BYTES) });
    events = recordEvents(t.container);
    admin = await signInAdmin(t.app);
    owner = await registerUser(t.app);
    other = await registerUser(t.app);
  });
  afterAll(() => t.close());

  const requestUpload = async (user: SignedIn, body: Record<string, unknown> = {}) => {
    const res = await request(t.app)
      .post('/api/v1/media/uploads')
      .set(user.auth)
      .send({ contentType: 'image/png', size: png.length, filename: 'bike.png', ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as {
      mediaId: string;
      uploadUrl: string;
      method: string;
      headers: Record<string, string>;
      expiresAt: string;
    };
  };
  const put = (
    upload: { uploadUrl: string; method: string; headers: Record<string, string> },
    body = png,
    headers: Record<string, string> = {},
  ) => fetch(upload.uploadUrl, { method: upload.method, headers: { ...upload.headers, ...headers }, body });
  const complete = (user: SignedIn, id: string) => request(t.app).post(`/api/v1/media/${id}/complete`).set(user.auth);
  const moderate = (auth: { Authorization: string }, id: string, body: object) =>
    request(t.app).post(`/api/v1/admin/media/${id}/moderation`).set(auth).send(body);
  const uploadedMedia = async () => {
    const upload = await requestUpload(owner);
    expect((await put(upload)).status).toBe(200);
    expect((await complete(owner, upload.mediaId)).status).toBe(200);
    return upload.mediaId;
  };

  it('runs the whole flow: request, PUT the bytes to the upload URL, complete, admin approval, then anyone downloads them', async () => {
    const upload = await requestUpload(owner);
    expect(upload).toEqual({
      mediaId: expect.any(String),
      uploadUrl: expect.any(String),
      method: 'PUT',
      headers: { 'Content-Type': 'image/png' },
      expiresAt: expect.any(String),
    });
    expect(upload.uploadUrl.startsWith(`${t.baseUrl}/media-store/`)).toBe(true);
    expect(new Date(upload.expiresAt).getTime()).toBeGreaterThan(Date.now());

    expect((await put(upload)).status).toBe(200);
    const completed = await complete(owner, upload.mediaId);
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    expect(completed.body).toMatchObject({
      id: upload.mediaId,
      status: 'pending_moderation',
      contentType: 'image/png',
      size: png.length,
      filename: 'bike.png',
    });
    await settleOutbox(t.container);
    expect(
      events.find(
        (e) => e.topic === 'image.moderation.request' && (e.payload as { mediaId: string }).mediaId === upload.mediaId,
      )?.payload,
    ).toMatchObject({
      ownerId: owner.id,
      contentType: 'image/png',
      size: png.length,
    });
    const mine = await request(t.app).get(`/api/v1/media/${upload.mediaId}`).set(owner.auth);
    expect(mine.body).toMatchObject({ id: upload.mediaId, status: 'pending_moderation' });
    expect(mine.body).not.toHaveProperty('url');

    const verdict = await moderate(admin, upload.mediaId, { verdict: 'approved', labels: ['bicycle'] });
    expect(verdict.status, JSON.stringify(verdict.body)).toBe(200);
    expect(verdict.body).toMatchObject({ status: 'approved', labels: ['bicycle'], moderatedAt: expect.any(String) });
    await settleOutbox(t.container);
    expect(
      events.some(
        (e) => e.topic === 'image.moderation.result' && (e.payload as { mediaId: string }).mediaId === upload.mediaId,
      ),
    ).toBe(true);

    const seen = await request(t.app).get(`/api/v1/media/${upload.mediaId}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      id: upload.mediaId,
      status: 'approved',
      contentType: 'image/png',
      size: png.length,
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/media-store\//),
    });
    const download = await fetch(seen.body.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(png);
  });

  it('refuses a type outside the allow list, a size over MEDIA_MAX_BYTES and missing fields with 400 naming each field', async () => {
    const send = (body: object) => request(t.app).post('/api/v1/media/uploads').set(owner.auth).send(body);
    expect(
      fieldPaths(
        expectProblem(await send({ contentType: 'image/gif', size: 10, filename: 'a.gif' }), 400, 'VALIDATION_FAILED'),
      ),
    ).toEqual(['body.contentType']);
    expect(
      fieldPaths(
        expectProblem(
          await send({ contentType: 'image/png', size: MAX_BYTES + 1, filename: 'a.png' }),
          400,
          'VALIDATION_FAILED',
        ),
      ),
    ).toEqual(['body.size']);
    expect(fieldPaths(expectProblem(await send({}), 400, 'VALIDATION_FAILED')).sort()).toEqual([
      'body.contentType',
      'body.filename',
      'body.size',
    ]);
    expectProblem(
      await request(t.app)
        .post('/api/v1/media/uploads')
        .send({ contentType: 'image/png', size: 10, filename: 'a.png' }),
      401,
    );
  });

  it('answers 409 to a complete before the upload, and 404 to a complete by another user', async () => {
    const upload = await requestUpload(owner);
    expectProblem(await complete(owner, upload.mediaId), 409, 'MEDIA_OBJECT_MISSING');
    expect((await put(upload)).status).toBe(200);
    expectProblem(await complete(other, upload.mediaId), 404, 'MEDIA_NOT_FOUND');
    expect((await complete(owner, upload.mediaId)).body.status).toBe('pending_moderation');
  });

  it("hides someone else's media until it is approved (404), and for good once rejected", async () => {
    const id = await uploadedMedia();
    expectProblem(await request(t.app).get(`/api/v1/media/${id}`).set(other.auth), 404, 'MEDIA_NOT_FOUND');
    expectProblem(await request(t.app).get(`/api/v1/media/${id}`), 404, 'MEDIA_NOT_FOUND');
    expect((await moderate(admin, id, { verdict: 'rejected' })).body.status).toBe('rejected');
    expectProblem(await request(t.app).get(`/api/v1/media/${id}`).set(other.auth), 404, 'MEDIA_NOT_FOUND');
    expectProblem(await request(t.app).get('/api/v1/media/no-such-media').set(owner.auth), 404, 'MEDIA_NOT_FOUND');
  });

  it('lets only admins moderate (403), refuses a bad verdict (400) and a media not uploaded yet (409)', async () => {
    const id = await uploadedMedia();
    expectProblem(await moderate(owner.auth, id, { verdict: 'approved' }), 403, 'FORBIDDEN');
    expect(fieldPaths(expectProblem(await moderate(admin, id, { verdict: 'maybe' }), 400))).toEqual(['body.verdict']);
    const upload = await requestUpload(owner);
    expectProblem(await moderate(admin, upload.mediaId, { verdict: 'approved' }), 409, 'MEDIA_INVALID_TRANSITION');
    expectProblem(await moderate(admin, 'no-such-media', { verdict: 'approved' }), 404, 'MEDIA_NOT_FOUND');
  });

  it('has the store refuse another Content-Type, another size, a tampered signature and an expired URL', async () => {
    const upload = await requestUpload(owner);
    const wrongType = await put(upload, png, { 'Content-Type': 'image/jpeg' });
    expect(wrongType.status).toBe(400);
    expect(await wrongType.json()).toMatchObject({
      code: 'STORAGE_CONTENT_TYPE_MISMATCH',
      errors: [{ path: 'headers.content-type', message: 'expected image/png' }],
    });
    const tooLong = await put(upload, new Uint8Array(png.length + 1));
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({
      code: 'STORAGE_SIZE_MISMATCH',
      errors: [{ path: 'headers.content-length', message: `expected ${png.length}` }],
    });
    expect(
      (await put({ ...upload, uploadUrl: upload.uploadUrl.replace(/signature=[^&]+/, 'signature=forged') })).status,
    ).toBe(403);
    t.clock.advance(301_000);
    const expired = await put(upload);
    expect(expired.status).toBe(403);
    expect(await expired.json()).toMatchObject({ code: 'STORAGE_URL_EXPIRED' });
    expectProblem(await complete(owner, upload.mediaId), 409, 'MEDIA_OBJECT_MISSING');
  });

  it('documents the media routes in /openapi.json', async () => {
    const doc = (await request(t.app).get('/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/media/uploads', '/media/{id}/complete', '/media/{id}', '/admin/media/{id}/moderation']),
    );
  });
});
