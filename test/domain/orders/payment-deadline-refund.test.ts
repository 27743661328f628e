import { describe, expect, it } from 'vitest';
import {
  cancelOrder,
  confirmOrder,
  createOrder,
  isPaymentOverdue,
  markPaid,
  needsRefund,
  orderStatuses,
  paymentDeadline,
  type Order,
} from '../../../src/domain/orders/order.js';
import { codeOf } from '../../support/domain-errors.js';

const at = new Date('2026-03-01T10:00:00Z');
const seconds = (s: number) => new Date(at.getTime() + s * 1000);
const address = { name: 'Ada', line1: '1 rue', city: 'Paris', postalCode: '75001', country: 'FR' };
const items = [
  { listingId: 'l1', sellerId: 's1', title: 'Bike', unitPrice: { amount: 1000, currency: 'EUR' }, quantity: 2 },
];
const deadlines = { orderSeconds: 1800, auctionSeconds: 172_800 };
const placing = createOrder({ id: 'o1', buyerId: 'b1', items, shippingAddress: address, at });
const pending = confirmOrder(placing, at, seconds(1800));

describe('payment deadline (1.1)', () => {
  it('is ORDER_PAYMENT_TTL_SECONDS after confirmation, AUCTION_PAYMENT_TTL_SECONDS for an auction order', () => {
    expect(paymentDeadline(placing, at, deadlines)).toEqual(seconds(1800));
    expect(paymentDeadline({ auctionId: 'a1' }, at, deadlines)).toEqual(seconds(172_800));
    expect(pending.payBy).toEqual(seconds(1800));
    expect(confirmOrder(placing, at).payBy).toBeUndefined();
  });

  const overdue: [string, Order, Date, boolean][] = [
    ['before payBy', pending, seconds(1799), false],
    ['at payBy', pending, seconds(1800), true],
    ['after payBy', pending, seconds(4000), true],
    ['without a deadline', confirmOrder(placing, at), seconds(999_999), false],
    ['paid', markPaid(pending, seconds(10)), seconds(4000), false],
  ];
  for (const [label, order, now, expected] of overdue) {
    it(`overdue ${label}: ${expected}`, () => expect(isPaymentOverdue(order, now)).toBe(expected));
  }

  it('paying at or after payBy is 409 ORDER_PAYMENT_EXPIRED; before, it records the payment of the total', () => {
    expect(codeOf(() => markPaid(pending, seconds(1800)))).toBe('ORDER_PAYMENT_EXPIRED');
    const paid = markPaid(pending, seconds(60), undefined, 'pay-1');
    expect(paid).toMatchObject({
      status: 'paid',
      paidAt: seconds(60),
      payment: { id: 'pay-1', amount: { amount: 2000, currency: 'EUR' }, paidAt: seconds(60) },
    });
  });
});

describe('cancel with reason and refund (1.1)', () => {
  it('only a paid order needs a refund', () => {
    for (const status of orderStatuses) expect(needsRefund({ status }), status).toBe(status === 'paid');
  });

  it('a paid order records the refund of its whole total and the reason', () => {
    const paid = markPaid(pending, seconds(60), undefined, 'pay-1');
    const cancelled = cancelOrder(paid, seconds(90), {
      reason: 'buyer',
      refund: { id: 'r-1', refundedAt: seconds(89) },
    });
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      cancelReason: 'buyer',
      cancelledAt: seconds(90),
      refund: { id: 'r-1', amount: paid.total, refundedAt: seconds(89) },
    });
  });

  it('an unpaid order times out without a refund; a cancelled one cannot be cancelled again', () => {
    const timedOut = cancelOrder(pending, seconds(1800), {
      reason: 'payment_timeout',
      refund: { id: 'ignored', refundedAt: at },
    });
    expect(timedOut).toMatchObject({ status: 'cancelled', cancelReason: 'payment_timeout' });
    expect(timedOut.refund).toBeUndefined();
    expect(codeOf(() => cancelOrder(timedOut, seconds(1801)))).toBe('ORDER_INVALID_TRANSITION');
  });
});
