import type { PaymentGateway, PaymentResult, RefundResult } from '../../application/orders/ports/payment-gateway.js';
import type { Clock } from '../../application/shared/ports/clock.js';
import type { Money } from '../../domain/shared/money.js';

interface Charge {
  paymentId: string;
  amount: Money;
}

/**
 * The test provider: `test_card` is accepted, `test_card_declined` (and anything else) declined.
 * Charges and refunds are idempotent per order within this process, as a real provider's are
 * across all instances. `refunds` counts the refunds really made (tests check "once").
 */
export class TestPaymentGateway implements PaymentGateway {
  private counter = 0;
  private readonly charges = new Map<string, Charge>();
  private readonly refundsByOrder = new Map<string, RefundResult & { ok: true }>();

  constructor(private readonly clock: Clock) {}

  async charge(request: { orderId: string; amount: Money; paymentMethod: string }): Promise<PaymentResult> {
    const earlier = this.charges.get(request.orderId);
    if (earlier) return { ok: true, paymentId: earlier.paymentId };
    if (request.paymentMethod !== 'test_card')
      return {
        ok: false,
        reason: request.paymentMethod === 'test_card_declined' ? 'card declined' : 'unknown payment method',
      };
    const charge = { paymentId: `test-payment-${++this.counter}`, amount: request.amount };
    this.charges.set(request.orderId, charge);
    return { ok: true, paymentId: charge.paymentId };
  }

  async refund(request: { orderId: string; amount: Money }): Promise<RefundResult> {
    const earlier = this.refundsByOrder.get(request.orderId);
    if (earlier) return earlier;
    const charge = this.charges.get(request.orderId);
    if (!charge) return { ok: false, reason: 'not_charged' };
    if (request.amount.currency !== charge.amount.currency || request.amount.amount > charge.amount.amount)
      return { ok: false, reason: 'amount_exceeds_charge' };
    const refund = {
      ok: true as const,
      refund: { id: `test-refund-${++this.counter}`, amount: request.amount, refundedAt: this.clock.now() },
    };
    this.refundsByOrder.set(request.orderId, refund);
    return refund;
  }

  /** How many refunds were really made (not answered again). */
  get refunds(): number {
    return this.refundsByOrder.size;
  }
}
