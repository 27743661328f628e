import { describe, expect, it } from 'vitest';
import {
  assertTrackable,
  assignCourier,
  cancelDelivery,
  completeDelivery,
  createDelivery,
  pickUp,
  type Delivery,
  type DeliveryStatus,
} from '../../../src/domain/delivery/delivery.js';
import { codeOf } from '../../support/domain-errors.js';

const at = new Date('2026-03-01T10:00:00Z');
const later = new Date('2026-03-01T10:05:00Z');
const fresh = createDelivery({ id: 'd1', orderId: 'o1', buyerId: 'b1', sellerIds: ['s1'], at });
const inStatus = (status: DeliveryStatus): Delivery => ({ ...fresh, status, courierId: 'c1' });

describe('a cancelled order cancels its delivery (1.1)', () => {
  for (const status of ['pending', 'assigned', 'in_transit'] as const) {
    it(`${status} -> cancelled`, () => {
      expect(cancelDelivery(inStatus(status), later)).toMatchObject({
        status: 'cancelled',
        cancelledAt: later,
        version: 2,
      });
    });
  }

  for (const status of ['delivered', 'cancelled'] as const) {
    it(`${status} stays as it is (the same object: nothing to store)`, () => {
      const delivery = inStatus(status);
      expect(cancelDelivery(delivery, later)).toBe(delivery);
    });
  }

  it('nobody acts on a cancelled delivery: no pickup, tracking, completion or assignment (409 DELIVERY_ORDER_CANCELLED)', () => {
    const cancelled = cancelDelivery(inStatus('assigned'), later);
    expect(codeOf(() => pickUp(cancelled, 'c1', later))).toBe('DELIVERY_ORDER_CANCELLED');
    expect(codeOf(() => completeDelivery(cancelled, 'c1', later))).toBe('DELIVERY_ORDER_CANCELLED');
    expect(codeOf(() => assertTrackable(cancelled, 'c1'))).toBe('DELIVERY_ORDER_CANCELLED');
    expect(codeOf(() => assignCourier(cancelled, 'c2', later))).toBe('DELIVERY_ORDER_CANCELLED');
  });
});
