import { describe, expect, it } from 'vitest';
import {
  assertTrackable,
  assignCourier,
  completeDelivery,
  createDelivery,
  deliveryStatuses,
  pickUp,
  withTrackPoint,
  type Delivery,
  type DeliveryStatus,
} from '../../../src/domain/delivery/delivery.js';
import { codeOf } from '../../support/domain-errors.js';

const at = new Date('2026-03-01T10:00:00Z');
const later = new Date('2026-03-01T10:05:00Z');
const fresh = createDelivery({ id: 'd1', orderId: 'o1', buyerId: 'b1', sellerIds: ['s1', 's2', 's1'], at });
const inStatus = (status: DeliveryStatus, courierId: string | null = 'c1'): Delivery => ({
  ...fresh,
  status,
  courierId,
});

type Step = (delivery: Delivery) => Delivery;
const steps: Record<string, [Step, DeliveryStatus[], DeliveryStatus]> = {
  assign: [(d) => assignCourier(d, 'c2', later), ['pending', 'assigned'], 'assigned'],
  'pick up': [(d) => pickUp(d, 'c1', later), ['assigned'], 'in_transit'],
  complete: [(d) => completeDelivery(d, 'c1', later), ['in_transit'], 'delivered'],
};

describe('delivery state machine', () => {
  it('starts pending, without courier nor track, at version 1, each seller once', () => {
    expect(fresh).toMatchObject({
      status: 'pending',
      courierId: null,
      lastLocation: null,
      track: [],
      sellerIds: ['s1', 's2'],
      version: 1,
      createdAt: at,
      updatedAt: at,
    });
  });

  for (const [action, [apply, from, to]] of Object.entries(steps)) {
    it(`${action}: ${from.join(' | ')} -> ${to}; DELIVERY_INVALID_TRANSITION from every other status (DELIVERY_ORDER_CANCELLED when cancelled)`, () => {
      for (const status of deliveryStatuses) {
        const before = inStatus(status);
        const refused = status === 'cancelled' ? 'DELIVERY_ORDER_CANCELLED' : 'DELIVERY_INVALID_TRANSITION';
        if (from.includes(status)) expect(apply(before)).toMatchObject({ status: to, version: 2, updatedAt: later });
        else
          expect(
            codeOf(() => apply(before)),
            `${action} from ${status}`,
          ).toBe(refused);
      }
    });
  }

  it('records who and when: assignedAt and the (re)assigned courier, pickedUpAt, deliveredAt', () => {
    const assigned = assignCourier(fresh, 'c1', at);
    expect(assigned).toMatchObject({ courierId: 'c1', assignedAt: at });
    expect(assignCourier(assigned, 'c2', later)).toMatchObject({ courierId: 'c2', assignedAt: later, version: 3 });
    const picked = pickUp(assigned, 'c1', later);
    expect(picked.pickedUpAt).toEqual(later);
    expect(completeDelivery(picked, 'c1', later).deliveredAt).toEqual(later);
  });

  it('assigning the courier it already has changes nothing (a retried request): the same delivery back', () => {
    const assigned = assignCourier(fresh, 'c1', at);
    expect(assignCourier(assigned, 'c1', later)).toBe(assigned);
  });

  it('only its courier picks up and completes: DELIVERY_NOT_COURIER for anyone else, also before a courier is assigned', () => {
    expect(codeOf(() => pickUp(inStatus('assigned'), 'c2', later))).toBe('DELIVERY_NOT_COURIER');
    expect(codeOf(() => completeDelivery(inStatus('in_transit'), 'b1', later))).toBe('DELIVERY_NOT_COURIER');
    expect(codeOf(() => pickUp(inStatus('pending', null), 'c1', later))).toBe('DELIVERY_NOT_COURIER');
  });

  it('is trackable by its courier while assigned or in transit only', () => {
    const trackable = deliveryStatuses.filter(
      (status) => codeOf(() => assertTrackable(inStatus(status), 'c1')) === 'ok',
    );
    expect(trackable).toEqual(['assigned', 'in_transit']);
    expect(codeOf(() => assertTrackable(inStatus('pending'), 'c1'))).toBe('DELIVERY_INVALID_TRANSITION');
    expect(codeOf(() => assertTrackable(inStatus('in_transit'), 'c2'))).toBe('DELIVERY_NOT_COURIER');
  });

  it('keeps the newest points of the track and the last one as lastLocation', () => {
    let delivery = inStatus('in_transit');
    for (let i = 0; i < 5; i += 1)
      delivery = withTrackPoint(delivery, { lat: i, lng: i, recordedAt: new Date(at.getTime() + i * 1000) }, 3, later);
    expect(delivery.track.map((p) => p.lat)).toEqual([2, 3, 4]);
    expect(delivery.lastLocation?.lat).toBe(4);
    expect(delivery.version).toBe(6);
  });
});
