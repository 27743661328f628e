import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/adapters/memory/shared/manual-clock.js';
import { TestPaymentGateway } from '../../../src/adapters/payment/test-payment-gateway.js';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** The PaymentGateway's promises, on its only adapter (the test provider). */
describe('TestPaymentGateway', () => {
  const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));

  it('charges once per order: a second charge answers the first payment; a declined card is not remembered', async () => {
    const gateway = new TestPaymentGateway(clock);
    expect(await gateway.charge({ orderId: 'o-1', amount: eur(500), paymentMethod: 'test_card_declined' })).toEqual({
      ok: false,
      reason: 'card declined',
    });
    const first = await gateway.charge({ orderId: 'o-1', amount: eur(500), paymentMethod: 'test_card' });
    expect(first.ok).toBe(true);
    expect(await gateway.charge({ orderId: 'o-1', amount: eur(500), paymentMethod: 'test_card' })).toEqual(first);
  });

  it('refunds once per order: a second refund (also racing ones) answers the first, paying nothing more', async () => {
    const gateway = new TestPaymentGateway(clock);
    await gateway.charge({ orderId: 'o-1', amount: eur(500), paymentMethod: 'test_card' });
    const refunds = await Promise.all(
      Array.from({ length: 10 }, () => gateway.refund({ orderId: 'o-1', amount: eur(500) })),
    );
    const first = refunds[0]!;
    expect(first).toEqual({ ok: true, refund: { id: expect.any(String), amount: eur(500), refundedAt: clock.now() } });
    expect(refunds.every((r) => JSON.stringify(r) === JSON.stringify(first))).toBe(true);
    clock.advance(60_000);
    expect(await gateway.refund({ orderId: 'o-1', amount: eur(500) })).toEqual(first);
    expect(gateway.refunds).toBe(1);
  });

  it('refuses to refund an order never charged, or more than its charge; nothing is refunded then', async () => {
    const gateway = new TestPaymentGateway(clock);
    expect(await gateway.refund({ orderId: 'o-never', amount: eur(1) })).toEqual({ ok: false, reason: 'not_charged' });
    await gateway.charge({ orderId: 'o-2', amount: eur(500), paymentMethod: 'test_card' });
    expect(await gateway.refund({ orderId: 'o-2', amount: eur(501) })).toEqual({
      ok: false,
      reason: 'amount_exceeds_charge',
    });
    expect(await gateway.refund({ orderId: 'o-2', amount: { amount: 500, currency: 'USD' } })).toEqual({
      ok: false,
      reason: 'amount_exceeds_charge',
    });
    expect(gateway.refunds).toBe(0);
  });
});
