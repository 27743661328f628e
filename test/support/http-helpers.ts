import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'vitest';

let counter = 0;

export interface SignedIn {
  id: string;
  email: string;
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
}

export async function registerUser(app: Express, body: Record<string, unknown> = {}): Promise<SignedIn> {
  counter += 1;
  const email = `user${counter}-${Date.now()}@example.com`;
  const res = await request(app)
    .post('/api/v1/auth/register')
    .send({ email, password: 'a long password', displayName: `User ${counter}`, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return {
    id: res.body.user.id,
    email: res.body.user.email,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    auth: { Authorization: `Bearer ${res.body.accessToken}` },
  };
}

/** Asserts an RFC 9457 problem answer and returns its body. */
export function expectProblem(res: request.Response, status: number, code?: string): Record<string, unknown> {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
  });
  if (code) expect(res.body.code).toBe(code);
  expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/);
  return res.body;
}

export function fieldPaths(body: Record<string, unknown>): string[] {
  return ((body.errors as { path: string }[] | undefined) ?? []).map((e) => e.path);
}

export const TEST_ADMIN = { ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'admin password 1' };

/** Logs in the admin created from TEST_ADMIN (the app must be built with it). */
export async function signInAdmin(app: Express): Promise<{ Authorization: string }> {
  const res = await request(app)
    .post('/api/v1/auth/login')
    .send({ email: TEST_ADMIN.ADMIN_EMAIL, password: TEST_ADMIN.ADMIN_PASSWORD });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { Authorization: `Bearer ${res.body.accessToken}` };
}

const sampleImage = Buffer.from('uty test image bytes');

/**
 * A media of the signed-in user whose upload is complete (`pending_moderation`): the bytes go to
 * the presigned URL, through the app itself when it is the embedded store's (no listening server needed).
 */
export async function uploadedMedia(
  app: Express,
  auth: { Authorization: string },
  filename = 'document.png',
): Promise<string> {
  const slot = await request(app)
    .post('/api/v1/media/uploads')
    .set(auth)
    .send({ contentType: 'image/png', size: sampleImage.length, filename });
  expect(slot.status, JSON.stringify(slot.body)).toBe(201);
  const url = new URL(slot.body.uploadUrl);
  const headers = slot.body.headers as Record<string, string>;
  const status = url.pathname.startsWith('/media-store/')
    ? (
        await request(app)
          .put(url.pathname + url.search)
          .set(headers)
          .send(sampleImage)
      ).status
    : (await fetch(url, { method: 'PUT', headers, body: sampleImage })).status;
  expect(status).toBe(200);
  const completed = await request(app).post(`/api/v1/media/${slot.body.mediaId}/complete`).set(auth);
  expect(completed.status, JSON.stringify(completed.body)).toBe(200);
  return slot.body.mediaId;
}

/** Submits one freshly uploaded document for KYC review (the user's KYC becomes pending). */
export async function submitKycDocument(app: Express, who: SignedIn): Promise<string> {
  const mediaId = await uploadedMedia(app, who.auth, 'passport.png');
  const submitted = await request(app)
    .post('/api/v1/users/me/kyc')
    .set(who.auth)
    .send({ documentMediaIds: [mediaId] });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
  return mediaId;
}

/** A seller whose KYC an admin has approved: may publish listings. */
export async function verifiedSeller(
  app: Express,
  admin: { Authorization: string },
  roles: string[] = ['seller'],
): Promise<SignedIn> {
  const seller = await registerUser(app, { roles });
  await submitKycDocument(app, seller);
  const approved = await request(app).post(`/api/v1/admin/users/${seller.id}/kyc/approve`).set(admin).send({});
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return seller;
}

/**
 * Signs `who` in again (after the test clock moved past the access token's 15 minutes): updates its tokens in place.
 */
export async function relogin(app: Express, ...users: SignedIn[]): Promise<void> {
  for (const who of users) {
    const res = await request(app).post('/api/v1/auth/login').send({ email: who.email, password: 'a long password' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    who.accessToken = res.body.accessToken;
    who.refreshToken = res.body.refreshToken;
    who.auth = { Authorization: `Bearer ${res.body.accessToken}` };
  }
}
