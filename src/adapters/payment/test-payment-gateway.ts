import type { PaymentGateway, PaymentResult } from '../../application/orders/ports/payment-gateway.js';
import type { Money } from '../../domain/shared/money.js';

/**
 * The test provider: `test_card` is accepted, `test_card_declined` (and anything else) declined.
 * Idempotent per order within this process, as a real provider is across all instances.
 */
export class TestPaymentGateway implements PaymentGateway {
  private counter = 0;
  private readonly payments = new Map<string, PaymentResult>();

  async charge(request: { orderId: string; amount: Money; paymentMethod: string }): Promise<PaymentResult> {
    const earlier = this.payments.get(request.orderId);
    if (earlier) return earlier;
    if (request.paymentMethod !== 'test_card') return { ok: false, reason: request.paymentMethod === 'test_card_declined' ? 'card declined' : 'unknown payment method' };
    this.counter += 1;
    const payment: PaymentResult = { ok: true, paymentId: `test-payment-${this.counter}` };
    this.payments.set(request.orderId, payment);
    return payment;
  }
}
