import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../support/audit-helpers.js';
import { settleOutbox } from '../../support/outbox-helpers.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import {
  expectProblem,
  fieldPaths,
  registerUser,
  signInAdmin,
  submitKycDocument,
  TEST_ADMIN,
  uploadedMedia,
  type SignedIn,
} from '../../support/http-helpers.js';

describe('KYC documents and the admin reads of users', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp(TEST_ADMIN);
    admin = await signInAdmin(t.app);
  });
  afterAll(() => t.close());

  const submit = (who: SignedIn, documentMediaIds: string[]) =>
    request(t.app).post('/api/v1/users/me/kyc').set(who.auth).send({ documentMediaIds });

  describe('POST /users/me/kyc', () => {
    it("refuses an unknown id, another user's media and an upload not completed, 400 naming each by index; nothing changes", async () => {
      const [seller, other] = await Promise.all([registerUser(t.app, { roles: ['seller'] }), registerUser(t.app)]);
      const own = await uploadedMedia(t.app, seller.auth);
      const foreign = await uploadedMedia(t.app, other.auth);
      const slot = await request(t.app)
        .post('/api/v1/media/uploads')
        .set(seller.auth)
        .send({ contentType: 'image/png', size: 10, filename: 'a.png' });
      const body = expectProblem(
        await submit(seller, [own, 'no-such-media', foreign, slot.body.mediaId]),
        400,
        'KYC_DOCUMENT_INVALID',
      );
      expect(fieldPaths(body)).toEqual([
        'body.documentMediaIds.1',
        'body.documentMediaIds.2',
        'body.documentMediaIds.3',
      ]);
      expect(JSON.stringify(body.errors)).toContain('no-such-media');
      expect(body.detail).toContain(foreign);
      expect((await request(t.app).get('/api/v1/users/me').set(seller.auth)).body.kyc).toEqual({ status: 'none' });
    });

    it('accepts completed uploads, pending moderation or already moderated (rejected for public display included)', async () => {
      const seller = await registerUser(t.app, { roles: ['seller'] });
      const [pending, rejected] = [await uploadedMedia(t.app, seller.auth), await uploadedMedia(t.app, seller.auth)];
      expect(
        (
          await request(t.app)
            .post(`/api/v1/admin/media/${rejected}/moderation`)
            .set(admin)
            .send({ verdict: 'rejected' })
        ).status,
      ).toBe(200);
      const res = await submit(seller, [pending, rejected]);
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      expect(res.body.kyc.status).toBe('pending');
    });
  });

  describe('racing KYC decisions', () => {
    it('of 10 approvals and rejections sent at once one wins (200), the others 409; one notification, one audit entry', async () => {
      const seller = await registerUser(t.app, { roles: ['seller'] });
      await submitKycDocument(t.app, seller);
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          request(t.app)
            .post(`/api/v1/admin/users/${seller.id}/kyc/${i % 2 ? 'approve' : 'reject'}`)
            .set(admin)
            .send({}),
        ),
      );
      expect(answers.filter((res) => res.status === 200)).toHaveLength(1);
      for (const res of answers.filter((r) => r.status !== 200)) expectProblem(res, 409, 'KYC_INVALID_TRANSITION');
      await auditEntries(t.app, admin, { targetId: seller.id }, 1);
      await settleOutbox(t.container);
      expect(await auditEntries(t.app, admin, { targetId: seller.id }, 1)).toHaveLength(1);
      const notices = await request(t.app).get('/api/v1/notifications').set(seller.auth);
      expect(notices.body.items.filter((n: { type: string }) => n.type.startsWith('kyc.'))).toHaveLength(1);
    });
  });

  describe('GET /admin/users/:id', () => {
    it('shows the KYC with its dates and each document with a download link that serves the bytes', async () => {
      const seller = await registerUser(t.app, { roles: ['seller'] });
      const mediaId = await submitKycDocument(t.app, seller);
      const res = await request(t.app).get(`/api/v1/admin/users/${seller.id}`).set(admin);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id: seller.id, email: seller.email, roles: ['seller'] });
      expect(res.body.kyc).toEqual({
        status: 'pending',
        submittedAt: expect.any(String),
        documents: [{ mediaId, contentType: 'image/png', url: expect.any(String) }],
      });
      const url = new URL(res.body.kyc.documents[0].url);
      const download = await request(t.app).get(url.pathname + url.search);
      expect(download.status).toBe(200);
      expect(download.headers['content-type']).toBe('image/png');

      await request(t.app).post(`/api/v1/admin/users/${seller.id}/kyc/reject`).set(admin).send({ reason: 'blurry' });
      const decided = await request(t.app).get(`/api/v1/admin/users/${seller.id}`).set(admin);
      expect(decided.body.kyc).toMatchObject({
        status: 'rejected',
        reason: 'blurry',
        decidedAt: expect.any(String),
        decidedBy: expect.any(String),
      });
    });

    it('a user without KYC has no documents; unknown user 404; non-admin 403; no token 401', async () => {
      const user = await registerUser(t.app);
      expect((await request(t.app).get(`/api/v1/admin/users/${user.id}`).set(admin)).body.kyc).toEqual({
        status: 'none',
        documents: [],
      });
      expectProblem(await request(t.app).get('/api/v1/admin/users/nobody').set(admin), 404, 'USER_NOT_FOUND');
      expectProblem(await request(t.app).get(`/api/v1/admin/users/${user.id}`).set(user.auth), 403);
      expectProblem(await request(t.app).get(`/api/v1/admin/users/${user.id}`), 401);
    });
  });

  describe('GET /admin/users', () => {
    const marker = `zq${Math.random().toString(36).slice(2, 8)}`;
    const list = (query: Record<string, string | number>) =>
      request(t.app).get('/api/v1/admin/users').query(query).set(admin);
    let users: SignedIn[];
    beforeAll(async () => {
      users = [];
      for (const [i, roles] of [['buyer'], ['seller'], ['courier'], ['seller', 'courier']].entries()) {
        users.push(await registerUser(t.app, { roles, displayName: `${marker} person ${i}` }));
        t.clock.advance(1000);
      }
      await submitKycDocument(t.app, users[1]!);
    });

    it('filters by part of the name or email (case ignored), role and KYC status; newest first', async () => {
      const byName = await list({ q: marker.toUpperCase() });
      expect(byName.status).toBe(200);
      expect(byName.body.items.map((u: { id: string }) => u.id)).toEqual(users.map((u) => u.id).reverse());
      expect((await list({ q: users[0]!.email.slice(0, 12) })).body.items.map((u: { id: string }) => u.id)).toEqual([
        users[0]!.id,
      ]);
      expect((await list({ q: marker, role: 'courier' })).body.items.map((u: { id: string }) => u.id)).toEqual([
        users[3]!.id,
        users[2]!.id,
      ]);
      expect((await list({ q: marker, kycStatus: 'pending' })).body.items.map((u: { id: string }) => u.id)).toEqual([
        users[1]!.id,
      ]);
      expect((await list({ q: marker, role: 'admin' })).body).toEqual({ items: [], nextCursor: null });
    });

    it('pages with limit and cursor, and refuses bad filters, limits and cursors with 400 naming them', async () => {
      const first = await list({ q: marker, limit: 3 });
      expect(first.body.items).toHaveLength(3);
      const second = await list({ q: marker, limit: 3, cursor: first.body.nextCursor });
      expect(second.body).toEqual({ items: [expect.objectContaining({ id: users[0]!.id })], nextCursor: null });
      expect(fieldPaths(expectProblem(await list({ kycStatus: 'maybe', role: 'king', limit: 101 }), 400))).toEqual(
        expect.arrayContaining(['query.kycStatus', 'query.role', 'query.limit']),
      );
      expect(fieldPaths(expectProblem(await list({ cursor: 'garbage' }), 400, 'INVALID_CURSOR'))).toEqual([
        'query.cursor',
      ]);
    });

    it('is for admins only', async () => {
      expectProblem(await request(t.app).get('/api/v1/admin/users').set(users[0]!.auth), 403);
    });
  });
});
