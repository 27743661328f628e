import type { Money } from '../../../domain/shared/money.js';

export type PaymentResult = { ok: true; paymentId: string } | { ok: false; reason: string };

/** Charges a buyer; the only adapter for now is a test provider. */
export interface PaymentGateway {
  /**
   * Idempotent per order (a real provider's idempotency key is the order id): charging an order
   * that was charged already answers that first payment and charges nothing more, so racing or
   * retried payments of one order cost the buyer once. A declined attempt is not remembered.
   */
  charge(request: { orderId: string; amount: Money; paymentMethod: string }): Promise<PaymentResult>;
}
export const PaymentGateway = Symbol.for('PaymentGateway');
