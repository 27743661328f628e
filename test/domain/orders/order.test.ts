import { describe, expect, it } from 'vitest';
import {
  cancelOrder,
  confirmOrder,
  createOrder,
  failOrder,
  internalOrderStatuses,
  isPlaced,
  markDelivered,
  markPaid,
  markShipped,
  orderStatuses,
  type Order,
  type OrderStatus,
} from '../../../src/domain/orders/order.js';
import { DomainError } from '../../../src/domain/shared/domain-error.js';

const at = new Date('2026-03-01T10:00:00Z');
const order = createOrder({
  id: 'o1',
  buyerId: 'b1',
  items: [
    { listingId: 'l1', sellerId: 's1', title: 'Bike', unitPrice: { amount: 1000, currency: 'EUR' }, quantity: 2 },
    { listingId: 'l2', sellerId: 's2', title: 'Helmet', unitPrice: { amount: 250, currency: 'EUR' }, quantity: 1 },
  ],
  shippingAddress: { name: 'Ada', line1: '1 rue', city: 'Paris', postalCode: '75001', country: 'FR' },
  at,
});
const inStatus = (status: OrderStatus): Order => ({ ...order, status });

const transitions: Record<string, [(o: Order, at: Date) => Order, OrderStatus[], OrderStatus]> = {
  confirm: [confirmOrder, ['placing'], 'pending_payment'],
  fail: [failOrder, ['placing'], 'failed'],
  pay: [markPaid, ['pending_payment'], 'paid'],
  ship: [markShipped, ['paid'], 'shipped'],
  deliver: [markDelivered, ['shipped'], 'delivered'],
  cancel: [cancelOrder, ['pending_payment', 'paid'], 'cancelled'],
};

describe('order state machine', () => {
  it('starts placing (not yet shown to anyone) with the total of its items', () => {
    expect(order).toMatchObject({ status: 'placing', total: { amount: 2250, currency: 'EUR' }, version: 1 });
    expect(isPlaced(order)).toBe(false);
    expect(isPlaced(confirmOrder(order, at))).toBe(true);
    expect(isPlaced(failOrder(order, at))).toBe(false);
  });

  for (const [action, [apply, from, to]] of Object.entries(transitions)) {
    it(`${action}: ${from.join(' | ')} -> ${to}, and 409 from every other status`, () => {
      for (const status of [...orderStatuses, ...internalOrderStatuses]) {
        if (from.includes(status)) {
          expect(apply(inStatus(status), at)).toMatchObject({ status: to, version: 2 });
        } else {
          expect(() => apply(inStatus(status), at), `${action} from ${status}`).toThrow(DomainError);
          try {
            apply(inStatus(status), at);
          } catch (error) {
            expect((error as DomainError).code).toBe('ORDER_INVALID_TRANSITION');
          }
        }
      }
    });
  }
});
