import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { actorOf } from '../../../src/adapters/demo/demo-media.js';
import { COURIER_ROUTE, routePositions, stepMetresFor, type LatLng } from '../../../src/adapters/demo/courier-route.js';
import { CourierSimulator } from '../../../src/adapters/demo/courier-simulator.js';
import type { Delivery } from '../../../src/domain/delivery/delivery.js';
import { defaultTrackingSettings, haversineMeters } from '../../../src/domain/delivery/tracking-filter.js';
import { demoWorld, signedIn, type DemoWorld } from './demo-world.js';

describe('CourierSimulator (embedded default)', () => {
  let w: DemoWorld;
  let simulator: CourierSimulator;
  let positions: LatLng[];
  const courier = () => actorOf(w.cast.courier, 'courier');
  /** One timer tick, the clock an interval on. */
  const tick = async (sim = simulator) => {
    w.t.clock.advance(w.settings.courierIntervalMs);
    await sim.tick();
  };
  const inTransit = async () =>
    (await w.deps.delivery.listDeliveries.execute(courier(), 'in_transit', { limit: 10 })).items;
  const delivery = (id: string) => w.deps.delivery.getDelivery.execute(courier(), id);
  /** GET /deliveries/:id as the delivery's buyer: the track a person watches. */
  const watched = async (current: Delivery) => {
    const buyer = w.cast.buyers.find((b) => b.id === current.buyerId)!;
    const res = await request(w.t.app)
      .get(`/api/v1/deliveries/${current.id}`)
      .set(await signedIn(w, buyer));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { status: string; track: LatLng[] };
  };
  const onRoute = (point: LatLng) => Math.min(...positions.map((p) => haversineMeters(p, point)));
  /** Ticks until the delivery is delivered (at most the route's fixes and one more). */
  const driveToTheEnd = async (deliveryId: string) => {
    for (let i = 0; i <= positions.length && (await delivery(deliveryId)).status !== 'delivered'; i += 1) await tick();
    expect((await delivery(deliveryId)).status).toBe('delivered');
  };

  beforeAll(async () => {
    w = await demoWorld();
    simulator = new CourierSimulator(w.deps, w.cast, w.settings);
    positions = routePositions(COURIER_ROUTE, stepMetresFor(w.settings.courierIntervalMs));
  });
  afterAll(() => w.t.close());

  it('puts a delivery of buyer1 in transit with courier1, ordered and paid like a buyer would', async () => {
    await simulator.tick();
    const [current, ...others] = await inTransit();
    expect(others).toEqual([]);
    expect(current).toMatchObject({ buyerId: w.cast.buyers[0]!.id, courierId: w.cast.courier.id });
    const order = () => w.deps.orders.getOrder.execute(actorOf(w.cast.buyers[0]!, 'buyer'), current!.orderId);
    expect(await order()).toMatchObject({ items: [{ listingId: w.cast.deliveryListingId, quantity: 1 }] });
    // The orders module marks it shipped when it hears of the pickup.
    await vi.waitFor(async () => expect((await order()).status).toBe('shipped'), { timeout: 5_000, interval: 20 });
    const seen = await watched(await delivery(current!.id));
    expect(seen.status).toBe('in_transit');
    expect(seen.track).toHaveLength(1);
    expect(onRoute(seen.track[0]!)).toBeLessThan(1);
  });

  it('reports the next fix along the route each tick, every one kept by the tracking filter', async () => {
    const [current] = await inTransit();
    for (let i = 0; i < 5; i += 1) await tick();
    const { track } = await watched(await delivery(current!.id));
    expect(track).toHaveLength(6);
    for (const [i, point] of track.entries()) {
      expect(onRoute(point)).toBeLessThan(1);
      if (i === 0) continue;
      const metres = haversineMeters(track[i - 1]!, point);
      expect(metres).toBeGreaterThanOrEqual(defaultTrackingSettings.minDistanceM);
      expect((metres / (w.settings.courierIntervalMs / 1000)) * 3.6).toBeLessThan(50);
    }
  });

  it('carries on after a restart from the last location, without a jump', async () => {
    const [current] = await inTransit();
    const before = await delivery(current!.id);
    await tick(new CourierSimulator(w.deps, w.cast, w.settings));
    const after = await delivery(current!.id);
    expect(after.track).toHaveLength(before.track.length + 1);
    const step = haversineMeters(before.lastLocation!, after.lastLocation!);
    expect(step).toBeGreaterThanOrEqual(defaultTrackingSettings.minDistanceM);
    expect(step).toBeLessThanOrEqual(stepMetresFor(w.settings.courierIntervalMs) * 1.01);
  });

  it('completes the delivery at the end of the route, and starts a new one at the next tick', async () => {
    const [current] = await inTransit();
    await driveToTheEnd(current!.id);
    const done = await delivery(current!.id);
    expect(haversineMeters(done.lastLocation!, COURIER_ROUTE[COURIER_ROUTE.length - 1]!)).toBeLessThan(1);
    expect(done.track).toHaveLength(positions.length); // every fix kept, none repeated by the restart
    expect(await inTransit()).toEqual([]);
    await tick();
    const [next] = await inTransit();
    expect(next).toBeDefined();
    expect(next!.id).not.toBe(current!.id);
  });

  it('has buyer2 order when a person is shopping as buyer1 (their cart holds items)', async () => {
    const buyer1 = w.cast.buyers[0]!;
    await w.deps.cart.addToCart.execute(buyer1.id, w.cast.deliveryListingId, 1);
    const [current] = await inTransit();
    await driveToTheEnd(current!.id);
    await tick();
    const [next] = await inTransit();
    expect(next!.buyerId).toBe(w.cast.buyers[1]!.id);
    expect((await w.deps.cart.getCart.execute(buyer1.id)).items).toHaveLength(1);
  });
});
