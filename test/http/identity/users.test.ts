import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import {
  expectProblem,
  fieldPaths,
  registerUser,
  submitKycDocument,
  uploadedMedia,
  type SignedIn,
} from '../../support/http-helpers.js';

const ADMIN = { ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'admin password 1' };

describe('HTTP user, KYC and device routes', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp(ADMIN);
    const login = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email: ADMIN.ADMIN_EMAIL, password: ADMIN.ADMIN_PASSWORD });
    admin = { Authorization: `Bearer ${login.body.accessToken}` };
  });
  afterAll(() => t.close());

  describe('GET and PATCH /users/me', () => {
    it('answers the contract fields', async () => {
      const user = await registerUser(t.app);
      const res = await request(t.app).get('/api/v1/users/me').set(user.auth);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: user.id,
        email: user.email,
        displayName: expect.any(String),
        roles: ['buyer'],
        kyc: { status: 'none' },
        createdAt: expect.any(String),
      });
    });

    it('updates displayName, phone and address', async () => {
      const user = await registerUser(t.app);
      const address = { line1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' };
      const res = await request(t.app)
        .patch('/api/v1/users/me')
        .set(user.auth)
        .send({ displayName: 'Renamed', phone: '+33 6 12 34 56 78', address });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ displayName: 'Renamed', phone: '+33 6 12 34 56 78', address });
    });

    it('refuses roles or kyc in the body with 400 naming them, and applies nothing', async () => {
      const user = await registerUser(t.app);
      const res = await request(t.app)
        .patch('/api/v1/users/me')
        .set(user.auth)
        .send({ displayName: 'Boss', roles: ['admin'], kyc: { status: 'verified' } });
      const body = expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(body.errors)).toMatch(/roles/);
      const me = await request(t.app).get('/api/v1/users/me').set(user.auth);
      expect(me.body).toMatchObject({ roles: ['buyer'], kyc: { status: 'none' } });
      expect(me.body.displayName).not.toBe('Boss');
    });

    it('refuses a wrong-typed field with 400 naming it', async () => {
      const user = await registerUser(t.app);
      const res = await request(t.app)
        .patch('/api/v1/users/me')
        .set(user.auth)
        .send({ address: { city: 7 } });
      expect(fieldPaths(expectProblem(res, 400))).toEqual(
        expect.arrayContaining(['body.address.city', 'body.address.line1']),
      );
    });
  });

  describe('KYC', () => {
    let seller: SignedIn;
    beforeAll(async () => {
      seller = await registerUser(t.app, { roles: ['seller'] });
    });

    it('submit answers 202 pending; a second submit while pending is 409', async () => {
      const res = await request(t.app)
        .post('/api/v1/users/me/kyc')
        .set(seller.auth)
        .send({ documentMediaIds: [await uploadedMedia(t.app, seller.auth)] });
      expect(res.status).toBe(202);
      expect(res.body.kyc.status).toBe('pending');
      expectProblem(
        await request(t.app)
          .post('/api/v1/users/me/kyc')
          .set(seller.auth)
          .send({ documentMediaIds: [await uploadedMedia(t.app, seller.auth)] }),
        409,
        'KYC_INVALID_TRANSITION',
      );
    });

    it('only an admin decides (403 otherwise)', async () => {
      expectProblem(
        await request(t.app).post(`/api/v1/admin/users/${seller.id}/kyc/approve`).set(seller.auth).send({}),
        403,
        'FORBIDDEN',
      );
    });

    it('approve answers 200 verified', async () => {
      const res = await request(t.app).post(`/api/v1/admin/users/${seller.id}/kyc/approve`).set(admin);
      expect(res.status).toBe(200);
      expect(res.body.kyc.status).toBe('verified');
      expect((await request(t.app).get('/api/v1/users/me').set(seller.auth)).body.kyc.status).toBe('verified');
    });

    it('reject answers 200 rejected with the reason; the user may submit again', async () => {
      const other = await registerUser(t.app, { roles: ['seller'] });
      await submitKycDocument(t.app, other);
      const res = await request(t.app)
        .post(`/api/v1/admin/users/${other.id}/kyc/reject`)
        .set(admin)
        .send({ reason: 'expired passport' });
      expect(res.body.kyc).toEqual({ status: 'rejected', reason: 'expired passport' });
      expect(
        (
          await request(t.app)
            .post('/api/v1/users/me/kyc')
            .set(other.auth)
            .send({ documentMediaIds: [await uploadedMedia(t.app, other.auth)] })
        ).status,
      ).toBe(202);
    });

    it('answers 404 for an unknown user and 400 for an empty document list', async () => {
      expectProblem(
        await request(t.app).post('/api/v1/admin/users/nobody/kyc/approve').set(admin).send({}),
        404,
        'USER_NOT_FOUND',
      );
      expect(
        fieldPaths(
          expectProblem(
            await request(t.app).post('/api/v1/users/me/kyc').set(seller.auth).send({ documentMediaIds: [] }),
            400,
          ),
        ),
      ).toEqual(['body.documentMediaIds']);
    });
  });

  describe('devices', () => {
    it('POST is idempotent per token (201 twice, one device)', async () => {
      const user = await registerUser(t.app);
      for (let i = 0; i < 2; i += 1) {
        const res = await request(t.app)
          .post('/api/v1/users/me/devices')
          .set(user.auth)
          .send({ token: 'fcm-token-1', platform: 'android' });
        expect(res.status).toBe(201);
        expect(res.body).toEqual({
          token: 'fcm-token-1',
          platform: 'android',
          registeredAt: t.clock.now().toISOString(),
        });
      }
      expect((await request(t.app).delete('/api/v1/users/me/devices/fcm-token-1').set(user.auth)).status).toBe(204);
      expectProblem(
        await request(t.app).delete('/api/v1/users/me/devices/fcm-token-1').set(user.auth),
        404,
        'DEVICE_NOT_FOUND',
      );
    });

    it("answers 404 for another user's device token, and leaves it in place", async () => {
      const owner = await registerUser(t.app);
      const intruder = await registerUser(t.app);
      await request(t.app)
        .post('/api/v1/users/me/devices')
        .set(owner.auth)
        .send({ token: 'owner-token', platform: 'ios' });
      expectProblem(
        await request(t.app).delete('/api/v1/users/me/devices/owner-token').set(intruder.auth),
        404,
        'DEVICE_NOT_FOUND',
      );
      expect((await request(t.app).delete('/api/v1/users/me/devices/owner-token').set(owner.auth)).status).toBe(204);
    });

    it('answers 400 for an unknown platform', async () => {
      const user = await registerUser(t.app);
      const res = await request(t.app)
        .post('/api/v1/users/me/devices')
        .set(user.auth)
        .send({ token: 't', platform: 'symbian' });
      expect(fieldPaths(expectProblem(res, 400))).toEqual(['body.platform']);
    });
  });
});
