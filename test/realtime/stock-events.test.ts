import request from 'supertest';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { StockLedger } from '../../src/application/cart/ports/stock-ledger.js';
import { registerUser, signInAdmin, TEST_ADMIN, verifiedSeller } from '../support/http-helpers.js';
import { listingBody, publishedListing, seedBikeCategories } from '../support/catalog-helpers.js';
import { connected, createRealtimeTestApp, type RealtimeTestApp } from '../support/realtime-app.js';

const WAIT_MS = 5000;

function next(socket: Socket, event: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${WAIT_MS} ms`)), WAIT_MS);
    socket.once(event, (payload: Record<string, unknown>) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** HTTP and Socket.IO together: a watcher of a listing sees the stock move when someone else reserves it. */
describe('stock events on Socket.IO', () => {
  let t: RealtimeTestApp;
  beforeAll(async () => {
    t = await createRealtimeTestApp(TEST_ADMIN);
  });
  afterAll(() => t.close());

  it('sends stock.reserved with the new availability to subscribers of listing:<id>', async () => {
    const admin = await signInAdmin(t.app);
    const seller = await verifiedSeller(t.app, admin);
    const listing = await publishedListing(
      t.app,
      seller.auth,
      listingBody((await seedBikeCategories(t.app, admin)).bikes, { quantity: 4 }),
    );
    await vi.waitFor(
      async () => expect((await t.container.get<StockLedger>(StockLedger).level(listing.id))?.available).toBe(4),
      { timeout: WAIT_MS, interval: 20 },
    );

    const watcher = await registerUser(t.app);
    const socket = t.client(watcher.accessToken);
    await connected(socket);
    expect(await socket.timeout(WAIT_MS).emitWithAck('subscribe', { room: `listing:${listing.id}` })).toEqual({
      ok: true,
    });

    const reserved = next(socket, 'stock.reserved');
    const buyer = await registerUser(t.app);
    expect(
      (await request(t.app).post('/api/v1/cart/items').set(buyer.auth).send({ listingId: listing.id, quantity: 3 }))
        .status,
    ).toBe(201);
    expect(await reserved).toMatchObject({ listingId: listing.id, available: 1 });

    const released = next(socket, 'stock.released');
    await request(t.app).delete(`/api/v1/cart/items/${listing.id}`).set(buyer.auth);
    expect(await released).toMatchObject({ listingId: listing.id, available: 4 });
  });
});
