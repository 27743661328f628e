import request from 'supertest';
import { StockLedger } from '../../src/application/cart/ports/stock-ledger.js';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeWithService } from '../support/real-services.js';
import { realStack } from '../support/real-stack.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { auditEntries } from '../support/audit-helpers.js';
import {
  expectProblem,
  registerUser,
  signInAdmin,
  submitKycDocument,
  verifiedSeller,
} from '../support/http-helpers.js';
import { listingBody, publishedListing, seedBikeCategories } from '../support/catalog-helpers.js';

/**
 * The identity routes end to end on the real servers at once (MongoDB, Redis, RabbitMQ), as
 * `docker compose up` runs them: the same app, only the adapters differ.
 */
describeWithService('MONGO_URL', 'identity on the real stack', (mongoUrl) => {
  describeWithService('REDIS_URL', 'with Redis', (redisUrl) => {
    describeWithService('AMQP_URL', 'and RabbitMQ', (amqpUrl) => {
      let t: TestApp;
      const stack = realStack({ mongoUrl, redisUrl, amqpUrl });
      /** The same servers and names: this instance, and another one started after it. */
      const env = stack.env;
      beforeAll(async () => {
        t = await createTestApp(env);
      });
      afterAll(async () => {
        await t?.close();
        await stack.cleanup();
      });

      /**
       * The ledger follows listing.published through the outbox and the broker: wait for it (GET shows the listing's
       * quantity until then).
       */
      const stockSeeded = (listingId: string, onHand: number) =>
        vi.waitFor(
          async () => expect((await t.container.get<StockLedger>(StockLedger).level(listingId))?.onHand).toBe(onHand),
          { timeout: 5000, interval: 20 },
        );

      it('reports every backend ready', async () => {
        const res = await request(t.app).get('/readyz');
        expect(res.status).toBe(200);
        expect(res.body.backends).toEqual({ mongodb: 'ok', redis: 'ok', rabbitmq: 'ok' });
      });

      it('registers, refreshes and detects refresh-token reuse', async () => {
        const user = await registerUser(t.app, { roles: ['seller'] });
        const rotated = await request(t.app).post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken });
        expect(rotated.status).toBe(200);
        expectProblem(
          await request(t.app).post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }),
          401,
          'AUTH_REFRESH_TOKEN_REUSED',
        );
        expectProblem(
          await request(t.app).post('/api/v1/auth/refresh').send({ refreshToken: rotated.body.refreshToken }),
          401,
        );
      });

      it('keeps the email unique across case, in MongoDB', async () => {
        const user = await registerUser(t.app);
        const again = await request(t.app)
          .post('/api/v1/auth/register')
          .send({ email: user.email.toUpperCase(), password: 'a long password', displayName: 'X' });
        expectProblem(again, 409, 'EMAIL_TAKEN');
      });

      it('counts failed logins atomically in Redis: 5 of 30 simultaneous wrong passwords get 401', async () => {
        const user = await registerUser(t.app);
        const answers = await Promise.all(
          Array.from({ length: 30 }, () =>
            request(t.app).post('/api/v1/auth/login').send({ email: user.email, password: 'guess password' }),
          ),
        );
        expect(answers.filter((r) => r.status === 401)).toHaveLength(5);
        expect(answers.filter((r) => r.status === 429)).toHaveLength(25);
      });

      it('throttles failed logins in Redis (429 on the 6th)', async () => {
        const user = await registerUser(t.app);
        for (let i = 0; i < 5; i += 1) {
          expectProblem(
            await request(t.app).post('/api/v1/auth/login').send({ email: user.email, password: 'wrong password!' }),
            401,
          );
        }
        const sixth = await request(t.app)
          .post('/api/v1/auth/login')
          .send({ email: user.email, password: 'wrong password!' });
        expectProblem(sixth, 429, 'AUTH_TOO_MANY_ATTEMPTS');
        expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
      });

      it('publishes and finds listings through MongoDB, with the category tree cached in Redis', async () => {
        const admin = await signInAdmin(t.app);
        const seller = await verifiedSeller(t.app, admin);
        const categories = await seedBikeCategories(t.app, admin);
        const listing = await publishedListing(
          t.app,
          seller.auth,
          listingBody(categories.ebikes, {
            title: 'Vélo électrique pliant',
            attributes: { condition: 'new', electric: true },
          }),
        );
        const found = await request(t.app).get(
          `/api/v1/listings?q=VELO%20pliant&categoryId=${categories.sports}&attr.electric=true`,
        );
        expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([listing.id]);
        expectProblem(
          await request(t.app).delete(`/api/v1/categories/${categories.ebikes}`).set(admin),
          409,
          'CATEGORY_HAS_LISTINGS',
        );
      });

      it('reserves stock in Redis: 50 buyers racing for the last 5 units, exactly 5 get 201', async () => {
        const admin = await signInAdmin(t.app);
        const seller = await verifiedSeller(t.app, admin);
        const { bikes } = await seedBikeCategories(t.app, admin);
        const listing = await publishedListing(t.app, seller.auth, listingBody(bikes, { quantity: 5 }));
        await stockSeeded(listing.id, 5);
        const buyers = await Promise.all(Array.from({ length: 50 }, () => registerUser(t.app)));
        const answers = await Promise.all(
          buyers.map((b) =>
            request(t.app).post('/api/v1/cart/items').set(b.auth).send({ listingId: listing.id, quantity: 1 }),
          ),
        );
        expect(answers.filter((r) => r.status === 201)).toHaveLength(5);
        expect((await request(t.app).get(`/api/v1/listings/${listing.id}`)).body.availableQuantity).toBe(0);
      });

      it('lets buyers reserve the moment a listing is published (seeded from MongoDB); the late event resets nothing', async () => {
        const admin = await signInAdmin(t.app);
        const seller = await verifiedSeller(t.app, admin);
        const { bikes } = await seedBikeCategories(t.app, admin);
        const buyers = await Promise.all(Array.from({ length: 5 }, () => registerUser(t.app)));
        const listing = await publishedListing(t.app, seller.auth, listingBody(bikes, { quantity: 3 }));
        const answers = await Promise.all(
          buyers.map((b) =>
            request(t.app).post('/api/v1/cart/items').set(b.auth).send({ listingId: listing.id, quantity: 1 }),
          ),
        );
        expect(answers.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409]);
        // listing.published goes out through the outbox and RabbitMQ meanwhile: give its consumer time to run.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const level = await t.container.get<StockLedger>(StockLedger).level(listing.id);
        expect(level).toMatchObject({ onHand: 3, reserved: 3, available: 0 });
      });

      it('orders through MongoDB with idempotency keys in Redis, and cancel restores the stock', async () => {
        const admin = await signInAdmin(t.app);
        const seller = await verifiedSeller(t.app, admin);
        const { bikes } = await seedBikeCategories(t.app, admin);
        const listing = await publishedListing(t.app, seller.auth, listingBody(bikes, { quantity: 3 }));
        const availability = async () => (await request(t.app).get(`/api/v1/listings/${listing.id}`)).body;
        await stockSeeded(listing.id, 3);
        const buyer = await registerUser(t.app);
        await request(t.app).post('/api/v1/cart/items').set(buyer.auth).send({ listingId: listing.id, quantity: 2 });
        const address = { name: 'Ada', line1: '1 rue', city: 'Paris', postalCode: '75001', country: 'FR' };
        const place = () =>
          request(t.app)
            .post('/api/v1/orders')
            .set(buyer.auth)
            .set('Idempotency-Key', 'real-stack-key-1')
            .send({ shippingAddress: address });
        const [a, b] = await Promise.all([place(), place()]);
        expect([a.status, b.status]).toEqual([201, 201]);
        expect(a.body.id).toBe(b.body.id);
        await vi.waitFor(
          async () => expect(await availability()).toMatchObject({ quantity: 1, availableQuantity: 1 }),
          { timeout: 5000, interval: 50 },
        );
        expect((await request(t.app).post(`/api/v1/orders/${a.body.id}/cancel`).set(buyer.auth)).body.status).toBe(
          'cancelled',
        );
        await vi.waitFor(
          async () => expect(await availability()).toMatchObject({ quantity: 3, availableQuantity: 3 }),
          { timeout: 5000, interval: 50 },
        );
      });

      it('rebuilds the stock ledger from MongoDB at start-up when Redis lost it', async () => {
        const admin = await signInAdmin(t.app);
        const seller = await verifiedSeller(t.app, admin);
        const { bikes } = await seedBikeCategories(t.app, admin);
        const listing = await publishedListing(t.app, seller.auth, listingBody(bikes, { quantity: 6 }));
        const ledger = t.container.get<StockLedger>(StockLedger);
        await stockSeeded(listing.id, 6);
        const { Redis } = await import('ioredis');
        const redis = new Redis(redisUrl);
        const keys = await redis.keys(`${t.config.redis!.keyPrefix}stock:*`);
        if (keys.length > 0) await redis.del(...keys);
        await redis.quit();
        expect(await ledger.level(listing.id)).toBeNull();
        const restarted = await createTestApp(env);
        try {
          expect(await restarted.container.get<StockLedger>(StockLedger).level(listing.id)).toMatchObject({
            onHand: 6,
            available: 6,
          });
        } finally {
          await restarted.close();
        }
      });

      it('runs the KYC flow with the admin created at start-up; the decision reaches the audit log through the outbox and RabbitMQ', async () => {
        const login = await request(t.app)
          .post('/api/v1/auth/login')
          .send({ email: 'admin@example.com', password: 'admin password 1' });
        const admin = { Authorization: `Bearer ${login.body.accessToken}` };
        const seller = await registerUser(t.app, { roles: ['seller'] });
        const documentId = await submitKycDocument(t.app, seller);
        const reviewed = await request(t.app).get(`/api/v1/admin/users/${seller.id}`).set(admin);
        expect(reviewed.body.kyc.documents).toEqual([
          { mediaId: documentId, contentType: 'image/png', url: expect.any(String) },
        ]);
        const approved = await request(t.app).post(`/api/v1/admin/users/${seller.id}/kyc/approve`).set(admin).send({});
        expect(approved.body.kyc.status).toBe('verified');
        expect(await auditEntries(t.app, admin, { targetId: seller.id }, 1)).toEqual([
          expect.objectContaining({ action: 'kyc.approve', actorId: login.body.user.id }),
        ]);
        expect(
          (await request(t.app).get('/api/v1/admin/users').query({ q: seller.email, kycStatus: 'verified' }).set(admin))
            .body.items,
        ).toHaveLength(1);
      });
    });
  });
});
