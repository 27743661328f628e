import { beforeEach, describe, expect, it } from 'vitest';
import type { TrackAppend } from '../../../src/application/delivery/ports/delivery-repository.js';
import { completeDelivery } from '../../../src/domain/delivery/delivery.js';
import {
  admin,
  buyer,
  courier,
  deliveryFixture,
  otherCourier,
  otherSeller,
  seller,
  stranger,
} from './delivery-fixture.js';

type Fixture = ReturnType<typeof deliveryFixture>;
type AppendPoint = Fixture['deliveries']['appendPoint'];

/** Runs `rival` (another writer) just before the first append goes through, as if it had raced it. */
function raceFirstAppend(f: Fixture, rival: (append: TrackAppend, appendPoint: AppendPoint) => Promise<void>): void {
  const appendPoint: AppendPoint = f.deliveries.appendPoint.bind(f.deliveries);
  let raced = false;
  f.deliveries.appendPoint = async (append: TrackAppend, events) => {
    if (!raced) {
      raced = true;
      await rival(append, appendPoint);
    }
    return appendPoint(append, events);
  };
}

describe('delivery use cases (memory adapters)', () => {
  let f: Fixture;
  beforeEach(() => {
    f = deliveryFixture();
  });

  describe('CreateDelivery', () => {
    it('a seller of a paid order (or an admin) creates it pending, with the order parties', async () => {
      const delivery = await f.create.execute(seller, f.paidOrder());
      expect(delivery).toMatchObject({
        id: 'delivery-1',
        status: 'pending',
        buyerId: buyer.userId,
        sellerIds: [seller.userId, otherSeller.userId],
        courierId: null,
        track: [],
      });
      expect(await f.create.execute(admin, f.paidOrder())).toMatchObject({ status: 'pending' });
      await f.relay.flush();
      expect(f.bus.published).toEqual([]);
    });

    it('refuses the buyer (403), a stranger and an unknown order (404), an unpaid order and a second delivery (409)', async () => {
      const orderId = f.paidOrder();
      await expect(f.create.execute(buyer, orderId)).rejects.toMatchObject({
        code: 'DELIVERY_NOT_SELLER',
        kind: 'forbidden',
      });
      await expect(f.create.execute(stranger, orderId)).rejects.toMatchObject({
        code: 'DELIVERY_ORDER_NOT_FOUND',
        kind: 'not_found',
      });
      await expect(f.create.execute(admin, 'no-such-order')).rejects.toMatchObject({
        code: 'DELIVERY_ORDER_NOT_FOUND',
      });
      await expect(f.create.execute(seller, f.paidOrder('pending_payment'))).rejects.toMatchObject({
        code: 'DELIVERY_ORDER_NOT_PAID',
        kind: 'conflict',
        details: { orderStatus: 'pending_payment' },
      });
      await f.create.execute(seller, orderId);
      await expect(f.create.execute(otherSeller, orderId)).rejects.toMatchObject({
        code: 'DELIVERY_ALREADY_EXISTS',
        kind: 'conflict',
      });
    });

    it('of racing creates for one order exactly one wins', async () => {
      const orderId = f.paidOrder();
      const results = await Promise.allSettled(
        [seller, otherSeller, admin, seller].map((who) => f.create.execute(who, orderId)),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });
  });

  describe('AssignCourier', () => {
    it('an admin assigns a courier: delivery.assigned, and the courier and the buyer are notified', async () => {
      const { id } = await f.pending();
      const assigned = await f.assign.execute(admin, id, courier.userId);
      expect(assigned).toMatchObject({ status: 'assigned', courierId: courier.userId, assignedAt: f.clock.now() });
      expect(await f.published('delivery.assigned')).toEqual([
        {
          deliveryId: id,
          orderId: assigned.orderId,
          buyerId: buyer.userId,
          sellerIds: [seller.userId, otherSeller.userId],
          courierId: courier.userId,
        },
      ]);
      const notified = await f.published('notification.send');
      expect(notified.map((n) => [n.userId, n.type])).toEqual([
        [courier.userId, 'delivery.assigned'],
        [buyer.userId, 'delivery.assigned'],
      ]);
      expect(notified[0]?.data).toEqual({ deliveryId: id, orderId: assigned.orderId });
    });

    it('reassigns before pickup, not after (409)', async () => {
      const { id } = await f.assigned();
      expect(await f.assign.execute(admin, id, otherCourier.userId)).toMatchObject({
        status: 'assigned',
        courierId: otherCourier.userId,
      });
      await f.pickUp.execute(otherCourier, id);
      await expect(f.assign.execute(admin, id, courier.userId)).rejects.toMatchObject({
        code: 'DELIVERY_INVALID_TRANSITION',
      });
    });

    it('a reassignment names the previous courier in delivery.assigned, who loses access at once: read, track, pick up and watch', async () => {
      const { id } = await f.assigned();
      await f.assign.execute(admin, id, otherCourier.userId);
      const [first, second] = await f.published('delivery.assigned');
      expect(first).not.toHaveProperty('previousCourierId');
      expect(second).toMatchObject({
        deliveryId: id,
        courierId: otherCourier.userId,
        previousCourierId: courier.userId,
      });
      await expect(f.get.execute(courier, id)).rejects.toMatchObject({ code: 'DELIVERY_NOT_FOUND' });
      await expect(f.record.execute(courier, { deliveryId: id, lat: 1, lng: 1 })).rejects.toMatchObject({
        code: 'DELIVERY_NOT_FOUND',
      });
      await expect(f.pickUp.execute(courier, id)).rejects.toMatchObject({ code: 'DELIVERY_NOT_FOUND' });
      expect(await f.access.mayWatchDelivery(courier, id)).toBe(false);
      expect(await f.access.mayWatchDelivery(otherCourier, id)).toBe(true);
    });

    it('refuses a non-admin (403), a courierId that is not a courier (400 naming the courierId field), an unknown delivery (404)', async () => {
      const { id } = await f.pending();
      await expect(f.assign.execute(seller, id, courier.userId)).rejects.toMatchObject({
        code: 'DELIVERY_NOT_ADMIN',
        kind: 'forbidden',
      });
      await expect(f.assign.execute(admin, id, buyer.userId)).rejects.toMatchObject({
        code: 'DELIVERY_NOT_A_COURIER',
        kind: 'invalid',
        details: { errors: [{ field: 'courierId' }] },
      });
      await expect(f.assign.execute(admin, 'absent', courier.userId)).rejects.toMatchObject({
        code: 'DELIVERY_NOT_FOUND',
      });
    });
  });

  describe('PickUpDelivery and CompleteDelivery', () => {
    it('its courier picks up (delivery.picked_up) then completes (delivery.completed; buyer and sellers notified)', async () => {
      const { id, orderId } = await f.assigned();
      f.clock.advance(60_000);
      const picked = await f.pickUp.execute(courier, id);
      expect(picked).toMatchObject({ status: 'in_transit', pickedUpAt: f.clock.now() });
      const ref = {
        deliveryId: id,
        orderId,
        buyerId: buyer.userId,
        sellerIds: [seller.userId, otherSeller.userId],
        courierId: courier.userId,
      };
      expect(await f.published('delivery.picked_up')).toEqual([{ ...ref, pickedUpAt: f.clock.now().toISOString() }]);
      f.clock.advance(60_000);
      const done = await f.complete.execute(courier, id);
      expect(done).toMatchObject({ status: 'delivered', deliveredAt: f.clock.now() });
      expect(await f.published('delivery.completed')).toEqual([{ ...ref, completedAt: f.clock.now().toISOString() }]);
      const completedNotices = (await f.published('notification.send')).filter((n) => n.type === 'delivery.completed');
      expect(completedNotices.map((n) => n.userId)).toEqual([buyer.userId, seller.userId, otherSeller.userId]);
    });

    it('refuses another courier (403), a stranger (404), the wrong state (409) and a cancelled order (409)', async () => {
      const { id, orderId } = await f.assigned();
      await expect(f.pickUp.execute(otherCourier, id)).rejects.toMatchObject({ code: 'DELIVERY_NOT_FOUND' });
      await expect(f.pickUp.execute(buyer, id)).rejects.toMatchObject({
        code: 'DELIVERY_NOT_COURIER',
        kind: 'forbidden',
      });
      await expect(f.pickUp.execute(admin, id)).rejects.toMatchObject({ code: 'DELIVERY_NOT_COURIER' });
      await expect(f.complete.execute(courier, id)).rejects.toMatchObject({ code: 'DELIVERY_INVALID_TRANSITION' });
      f.orders.set(orderId, { ...f.orders.get(orderId)!, status: 'cancelled' });
      await expect(f.pickUp.execute(courier, id)).rejects.toMatchObject({
        code: 'DELIVERY_ORDER_CANCELLED',
        kind: 'conflict',
      });
      expect((await f.get.execute(admin, id)).status).toBe('assigned');
      expect(await f.published('delivery.picked_up')).toEqual([]);
    });
  });

  describe('RecordLocation', () => {
    it('keeps a point (delivery.location.updated, lastLocation, track) and drops the next one with its reason, unpublished', async () => {
      const { id } = await f.inTransit();
      expect(await f.record.execute(courier, { deliveryId: id, lat: 48.85, lng: 2.35, accuracy: 5 })).toEqual({
        kept: true,
      });
      f.clock.advance(1000);
      expect(await f.record.execute(courier, { deliveryId: id, lat: 48.851, lng: 2.35 })).toEqual({
        kept: false,
        reason: 'too_soon',
      });
      expect(await f.record.execute(courier, { deliveryId: id, lat: 91, lng: 2.35 })).toEqual({
        kept: false,
        reason: 'invalid_coordinates',
      });
      const stored = await f.get.execute(buyer, id);
      const first = { lat: 48.85, lng: 2.35, accuracy: 5, recordedAt: f.after(0) };
      expect(stored).toMatchObject({ lastLocation: first, track: [first] });
      expect(await f.published('delivery.location.updated')).toEqual([
        {
          deliveryId: id,
          courierId: courier.userId,
          lat: 48.85,
          lng: 2.35,
          accuracy: 5,
          recordedAt: f.after(0).toISOString(),
        },
      ]);
    });

    it('takes recordedAt from the device, and keeps the newest DELIVERY_TRACK_MAX_POINTS points', async () => {
      const { id } = await f.assigned();
      for (let i = 0; i < 5; i += 1) {
        expect(
          await f.record.execute(courier, {
            deliveryId: id,
            lat: 48.85 + i * 0.001,
            lng: 2.35,
            recordedAt: f.after(-100 + i * 10),
          }),
        ).toEqual({ kept: true });
      }
      const stored = await f.get.execute(courier, id);
      expect(stored.track.map((p) => p.recordedAt)).toEqual([-80, -70, -60].map(f.after));
      expect(stored.lastLocation?.recordedAt).toEqual(f.after(-60));
    });

    it('refuses another courier (403 or 404), a pending or delivered delivery (409)', async () => {
      const pending = await f.pending();
      await expect(f.record.execute(courier, { deliveryId: pending.id, lat: 1, lng: 1 })).rejects.toMatchObject({
        code: 'DELIVERY_NOT_FOUND',
      });
      await expect(f.record.execute(seller, { deliveryId: pending.id, lat: 1, lng: 1 })).rejects.toMatchObject({
        code: 'DELIVERY_NOT_COURIER',
      });
      const { id } = await f.inTransit();
      await expect(f.record.execute(buyer, { deliveryId: id, lat: 1, lng: 1 })).rejects.toMatchObject({
        code: 'DELIVERY_NOT_COURIER',
      });
      await f.complete.execute(courier, id);
      await expect(f.record.execute(courier, { deliveryId: id, lat: 1, lng: 1 })).rejects.toMatchObject({
        code: 'DELIVERY_INVALID_TRANSITION',
      });
    });

    it('a point whose append loses the race to a completion is judged again and refused: nothing lost silently, nothing published', async () => {
      const delivery = await f.inTransit();
      raceFirstAppend(f, async (append) => {
        await f.deliveries.save(
          completeDelivery((await f.deliveries.findById(append.deliveryId))!, courier.userId, f.clock.now()),
          [],
        );
      });
      await expect(f.record.execute(courier, { deliveryId: delivery.id, lat: 48.85, lng: 2.35 })).rejects.toMatchObject(
        { code: 'DELIVERY_INVALID_TRANSITION' },
      );
      expect(await f.get.execute(admin, delivery.id)).toMatchObject({ status: 'delivered', track: [] });
      expect(await f.published('delivery.location.updated')).toEqual([]);
    });

    it('a point whose append loses the race to another point is judged against that point', async () => {
      const delivery = await f.inTransit();
      raceFirstAppend(f, (append, appendPoint) =>
        appendPoint({ ...append, point: { lat: 48.85, lng: 2.35, recordedAt: f.after(-1) } }, []).then(() => undefined),
      );
      expect(await f.record.execute(courier, { deliveryId: delivery.id, lat: 48.85, lng: 2.35 })).toEqual({
        kept: false,
        reason: 'too_close',
      });
      expect((await f.get.execute(admin, delivery.id)).track).toHaveLength(1);
    });
  });

  describe('GetDelivery and DeliveryAccess', () => {
    it('its buyer, sellers, courier and admins see and may watch it; anyone else gets 404 and may not', async () => {
      const { id } = await f.assigned();
      for (const who of [buyer, seller, otherSeller, courier, admin]) {
        expect((await f.get.execute(who, id)).id).toBe(id);
        expect(await f.access.mayWatchDelivery(who, id)).toBe(true);
      }
      for (const who of [stranger, otherCourier]) {
        await expect(f.get.execute(who, id)).rejects.toMatchObject({ code: 'DELIVERY_NOT_FOUND', kind: 'not_found' });
        expect(await f.access.mayWatchDelivery(who, id)).toBe(false);
      }
      expect(await f.access.mayWatchDelivery(admin, 'absent')).toBe(false);
    });
  });
});
