import { describe, expect, it } from 'vitest';
import { createOrder, orderTotal, type OrderItem } from '../../../src/domain/orders/order.js';
import { codeOf } from '../../support/domain-errors.js';

const item = (listingId: string, amount: number, currency: string, quantity = 1): OrderItem => ({
  listingId,
  sellerId: 's1',
  title: listingId,
  unitPrice: { amount, currency },
  quantity,
});

describe('orderTotal: the sum of the items in their one currency', () => {
  it.each([
    [[item('l1', 100, 'JPY', 3), item('l2', 1_500, 'JPY')], { amount: 1_800, currency: 'JPY' }],
    [[item('l1', 1_000, 'EUR', 2), item('l2', 250, 'EUR')], { amount: 2_250, currency: 'EUR' }],
    [[item('l1', 1_500, 'KWD', 2)], { amount: 3_000, currency: 'KWD' }],
  ])('%o totals %o', (items, total) => {
    expect(orderTotal(items)).toEqual(total);
  });

  it('refuses items in several currencies (MONEY_CURRENCY_MISMATCH), so no such order is created', () => {
    const mixed = [item('l1', 100, 'JPY'), item('l2', 100_000, 'USD')];
    expect(codeOf(() => orderTotal(mixed))).toBe('MONEY_CURRENCY_MISMATCH');
    expect(codeOf(() => createOrder({ id: 'o1', buyerId: 'b1', items: mixed, at: new Date() }))).toBe(
      'MONEY_CURRENCY_MISMATCH',
    );
  });

  it('refuses an order without items (no currency to total in)', () => {
    expect(codeOf(() => orderTotal([]))).toBe('ORDER_NO_ITEMS');
  });
});
