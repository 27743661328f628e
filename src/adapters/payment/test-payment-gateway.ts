import type { PaymentGateway, PaymentResult } from '../../application/orders/ports/payment-gateway.js';
import type { Money } from '../../domain/shared/money.js';

/** The test provider: `test_card` is accepted, `test_card_declined` (and anything else) declined. */
export class TestPaymentGateway implements PaymentGateway {
  private counter = 0;

  async charge(request: { orderId: string; amount: Money; paymentMethod: string }): Promise<PaymentResult> {
    if (request.paymentMethod !== 'test_card') return { ok: false, reason: request.paymentMethod === 'test_card_declined' ? 'card declined' : 'unknown payment method' };
    this.counter += 1;
    return { ok: true, paymentId: `test-payment-${this.counter}` };
  }
}
