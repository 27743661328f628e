import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { TEST_ADMIN } from '../../support/http-helpers.js';
import { createListeningTestApp, type ListeningTestApp } from '../../support/listening-app.js';
import { JourneyClient, type Auth, type OpenApiDocument } from './journey-client.js';
import { startPrismProxy, type PrismProxy } from './prism-proxy.js';

const password = 'a long password';
const address = { name: 'Ada Lovelace', line1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' };
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const bearer = (token: string): Auth => ({ Authorization: `Bearer ${token}` });
let emails = 0;

/**
 * A journey through every documented operation, sent through Prism's validating proxy with errors on
 * (`prism proxy --errors`): Prism checks each request and each answer of the app against the OpenAPI
 * document the app serves. Zero violations, and no documented operation left out.
 */
describe('the OpenAPI document under Prism: a journey through every operation', () => {
  let t: ListeningTestApp;
  let prism: PrismProxy;
  let api: JourneyClient;

  beforeAll(async () => {
    t = await createListeningTestApp({ ...TEST_ADMIN });
    const document = (await (await fetch(`${t.baseUrl}/openapi.json`)).json()) as OpenApiDocument;
    prism = await startPrismProxy(document, t.baseUrl);
    api = new JourneyClient(prism.baseUrl, '/api/v1', document);
  }, 60_000);
  afterAll(async () => {
    await prism?.stop();
    await t?.close();
  });

  const register = async (roles: string[] = ['buyer']) => {
    const email = `journey${++emails}-${Date.now()}@example.com`;
    const res = await api.call('POST', '/auth/register', {
      body: { email, password, displayName: `Journey ${emails}`, roles },
      status: 201,
    });
    return { id: res.body.user.id as string, auth: bearer(res.body.accessToken), refreshToken: res.body.refreshToken };
  };

  /** An upload whose bytes go straight to the app's embedded store (a presigned URL, not an API route). */
  const upload = async (as: Auth) => {
    const bytes = Buffer.from('journey image');
    const slot = await api.call('POST', '/media/uploads', {
      as,
      body: { contentType: 'image/png', size: bytes.length, filename: 'a.png' },
      status: 201,
    });
    const put = await fetch(slot.body.uploadUrl, { method: 'PUT', headers: slot.body.headers, body: bytes });
    expect(put.status).toBe(200);
    await api.call('POST', `/media/${slot.body.mediaId}/complete`, { as, status: 200 });
    return slot.body.mediaId as string;
  };

  it('finds no violation and covers every operation', { timeout: 120_000 }, async () => {
    onTestFailed(() => console.error(`Prism's output:\n${prism.log().slice(-4000)}`));
    const login = await api.call('POST', '/auth/login', {
      body: { email: TEST_ADMIN.ADMIN_EMAIL, password: TEST_ADMIN.ADMIN_PASSWORD },
      status: 200,
    });
    const admin = bearer(login.body.accessToken);

    // Identity: sessions, profile, devices, KYC and its admin reads.
    const seller = await register(['seller']);
    const buyer = await register();
    const courier = await register(['courier']);
    const refreshed = await api.call('POST', '/auth/refresh', {
      body: { refreshToken: buyer.refreshToken },
      status: 200,
    });
    await api.call('POST', '/auth/logout', {
      as: buyer.auth,
      body: { refreshToken: refreshed.body.refreshToken },
      status: 204,
    });
    await api.call('GET', '/users/me', { as: buyer.auth, status: 200 });
    await api.call('PATCH', '/users/me', { as: buyer.auth, body: { displayName: 'Ada' }, status: 200 });
    await api.call('POST', '/users/me/devices', {
      as: buyer.auth,
      body: { token: 'device-1', platform: 'web' },
      status: 201,
    });
    await api.call('DELETE', '/users/me/devices/device-1', { as: buyer.auth, status: 204 });
    const document = await upload(seller.auth);
    await api.call('POST', '/users/me/kyc', { as: seller.auth, body: { documentMediaIds: [document] }, status: 202 });
    await api.call('GET', '/admin/users?kycStatus=pending', { as: admin, status: 200 });
    await api.call('GET', `/admin/users/${seller.id}`, { as: admin, status: 200 });
    await api.call('POST', `/admin/users/${seller.id}/kyc/approve`, { as: admin, status: 200 });
    const rejected = await register(['seller']);
    await api.call('POST', '/users/me/kyc', {
      as: rejected.auth,
      body: { documentMediaIds: [await upload(rejected.auth)] },
      status: 202,
    });
    await api.call('POST', `/admin/users/${rejected.id}/kyc/reject`, {
      as: admin,
      body: { reason: 'blurred' },
      status: 200,
    });

    // Catalog: categories, listings, moderation, search.
    const root = await api.call('POST', '/categories', {
      as: admin,
      body: {
        name: `Bikes ${Date.now()}`,
        attributes: [{ key: 'condition', label: 'Condition', type: 'enum', options: ['new', 'used'], required: true }],
      },
      status: 201,
    });
    const spare = await api.call('POST', '/categories', {
      as: admin,
      body: { name: 'Spare', parentId: root.body.id },
      status: 201,
    });
    await api.call('PATCH', `/categories/${spare.body.id}`, { as: admin, body: { name: 'Spare parts' }, status: 200 });
    await api.call('GET', '/categories', { status: 200 });
    await api.call('GET', `/categories/${spare.body.id}`, { status: 200 });
    await api.call('DELETE', `/categories/${spare.body.id}`, { as: admin, status: 204 });
    const listingBody = (quantity: number) => ({
      title: 'Road bike',
      description: 'Aluminium frame',
      categoryId: root.body.id,
      price: eur(25_000),
      quantity,
      attributes: { condition: 'used' },
    });
    const listing = await api.call('POST', '/listings', { as: seller.auth, body: listingBody(3), status: 201 });
    await api.call('PATCH', `/listings/${listing.body.id}`, {
      as: seller.auth,
      body: { title: 'Road bike, 54 cm' },
      status: 200,
    });
    await api.call('POST', `/listings/${listing.body.id}/publish`, { as: seller.auth, status: 200 });
    await api.call('GET', `/listings/${listing.body.id}`, { status: 200 });
    await api.call('GET', '/listings?q=road&attr.condition=used&sort=price_asc&limit=5', { status: 200 });
    const photo = await upload(seller.auth);
    const moderated = await api.call('POST', '/listings', {
      as: seller.auth,
      body: { ...listingBody(1), mediaIds: [photo] },
      status: 201,
    });
    await api.call('POST', `/listings/${moderated.body.id}/publish`, { as: seller.auth, status: 200 });
    await api.call('GET', '/admin/moderation/listings', { as: admin, status: 200 });
    await api.call('POST', `/admin/listings/${moderated.body.id}/reject`, {
      as: admin,
      body: { reason: 'photo' },
      status: 200,
    });
    await api.call('POST', `/admin/media/${photo}/moderation`, {
      as: admin,
      body: { verdict: 'approved' },
      status: 200,
    });
    await api.call('GET', `/media/${photo}`, { as: seller.auth, status: 200 });
    const edit = { title: 'Road bike, new photo' };
    await api.call('PATCH', `/listings/${moderated.body.id}`, { as: seller.auth, body: edit, status: 200 });
    await api.call('POST', `/listings/${moderated.body.id}/publish`, { as: seller.auth, status: 200 });
    const awaiting = await api.call('POST', '/listings', {
      as: seller.auth,
      body: { ...listingBody(1), mediaIds: [await upload(seller.auth)] },
      status: 201,
    });
    await api.call('POST', `/listings/${awaiting.body.id}/publish`, { as: seller.auth, status: 200 });
    await api.call('POST', `/admin/listings/${awaiting.body.id}/approve`, { as: admin, status: 200 });
    await api.call('DELETE', `/listings/${moderated.body.id}`, { as: seller.auth, status: 204 });

    // Cart and orders: reserve, change, order, pay, cancel (refund), admin and seller lists.
    await api.call('GET', '/cart', { as: buyer.auth, status: 200 });
    await waitForStock(listing.body.id, 3);
    await api.call('POST', '/cart/items', {
      as: buyer.auth,
      body: { listingId: listing.body.id, quantity: 2 },
      status: 201,
    });
    await api.call('PATCH', `/cart/items/${listing.body.id}`, { as: buyer.auth, body: { quantity: 1 }, status: 200 });
    await api.call('GET', '/cart', { as: buyer.auth, status: 200 });
    const order = await api.call('POST', '/orders', {
      as: buyer.auth,
      headers: { 'Idempotency-Key': `journey-order-${Date.now()}` },
      body: { shippingAddress: address },
      status: 201,
    });
    await api.call('POST', `/orders/${order.body.id}/pay`, {
      as: buyer.auth,
      body: { paymentMethod: 'test_card' },
      status: 200,
    });
    await api.call('GET', `/orders/${order.body.id}`, { as: buyer.auth, status: 200 });
    await api.call('GET', '/orders', { as: buyer.auth, status: 200 });
    await api.call('GET', '/orders?role=seller', { as: seller.auth, status: 200 });
    await api.call('GET', `/admin/orders?buyerId=${buyer.id}`, { as: admin, status: 200 });

    // Delivery of that order, then a second order cancelled after payment (refund).
    const delivery = await api.call('POST', '/deliveries', {
      as: seller.auth,
      body: { orderId: order.body.id },
      status: 201,
    });
    const deliveryPath = `/deliveries/${delivery.body.id}`;
    await api.call('POST', `${deliveryPath}/assign`, { as: admin, body: { courierId: courier.id }, status: 200 });
    await api.call('POST', `${deliveryPath}/pickup`, { as: courier.auth, status: 200 });
    await api.call('POST', `${deliveryPath}/location`, {
      as: courier.auth,
      body: { lat: 48.86, lng: 2.35 },
      status: 202,
    });
    await api.call('GET', deliveryPath, { as: buyer.auth, status: 200 });
    await api.call('GET', '/deliveries', { as: courier.auth, status: 200 });
    await api.call('POST', `${deliveryPath}/complete`, { as: courier.auth, status: 200 });
    await api.call('POST', '/cart/items', {
      as: buyer.auth,
      body: { listingId: listing.body.id, quantity: 1 },
      status: 201,
    });
    await api.call('DELETE', `/cart/items/${listing.body.id}`, { as: buyer.auth, status: 204 });
    await api.call('POST', '/cart/items', {
      as: buyer.auth,
      body: { listingId: listing.body.id, quantity: 1 },
      status: 201,
    });
    const second = await api.call('POST', '/orders', {
      as: buyer.auth,
      headers: { 'Idempotency-Key': `journey-order-2-${Date.now()}` },
      body: { shippingAddress: address },
      status: 201,
    });
    await api.call('POST', `/orders/${second.body.id}/pay`, {
      as: buyer.auth,
      body: { paymentMethod: 'test_card' },
      status: 200,
    });
    await api.call('POST', `/orders/${second.body.id}/cancel`, { as: buyer.auth, status: 200 });

    // Auctions (one per listing): create, bid, list, buy now, cancel.
    const endsAt = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const openAuction = async (terms: Record<string, unknown> = {}) => {
      const unit = await api.call('POST', '/listings', { as: seller.auth, body: listingBody(1), status: 201 });
      await api.call('POST', `/listings/${unit.body.id}/publish`, { as: seller.auth, status: 200 });
      await waitForStock(unit.body.id, 1);
      const body = { listingId: unit.body.id, startingPrice: eur(1_000), minIncrement: eur(100), endsAt, ...terms };
      return api.call('POST', '/auctions', { as: seller.auth, body, status: 201 });
    };
    const auction = await openAuction({ reservePrice: eur(1_500) });
    await api.call('POST', `/auctions/${auction.body.id}/bids`, {
      as: buyer.auth,
      headers: { 'Idempotency-Key': `journey-bid-${Date.now()}` },
      body: { price: eur(1_000), maxPrice: eur(2_000) },
      status: 201,
    });
    await api.call('GET', `/auctions/${auction.body.id}`, { status: 200 });
    await api.call('GET', `/auctions/${auction.body.id}/bids`, { status: 200 });
    await api.call('GET', '/auctions?status=live', { status: 200 });
    const quick = await openAuction({ buyItNowPrice: eur(5_000) });
    await api.call('POST', `/auctions/${quick.body.id}/buy-now`, { as: buyer.auth, status: 200 });
    const cancelled = await openAuction();
    await api.call('POST', `/auctions/${cancelled.body.id}/cancel`, { as: seller.auth, status: 200 });

    // Notifications and the audit log of everything the admin did.
    const inbox = await api.call('GET', '/notifications', { as: seller.auth, status: 200 });
    const first = (inbox.body.items as { id: string }[])[0];
    if (first) await api.call('POST', `/notifications/${first.id}/read`, { as: seller.auth, status: 200 });
    await api.call('GET', `/admin/audit?actorId=${login.body.user.id}`, { as: admin, status: 200 });

    expect(api.violations).toEqual([]);
    expect(api.uncovered()).toEqual([]);
  });

  /** The stock ledger follows listing.published through the outbox: wait until it holds the units. */
  async function waitForStock(listingId: string, units: number): Promise<void> {
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${t.baseUrl}/api/v1/listings/${listingId}`)).json()) as { availableQuantity: number })
            .availableQuantity,
        {
          timeout: 10_000,
        },
      )
      .toBe(units);
  }
});
