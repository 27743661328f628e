import type { Money } from '../../../domain/shared/money.js';

export type PaymentResult = { ok: true; paymentId: string } | { ok: false; reason: string };

/** A refund as the provider made it: the first one of its order, whenever it is asked again. */
export interface Refund {
  id: string;
  amount: Money;
  refundedAt: Date;
}

export type RefundResult =
  { ok: true; refund: Refund } | { ok: false; reason: 'not_charged' | 'amount_exceeds_charge' };

/** Charges and refunds a buyer; the only adapter for now is a test provider. */
export interface PaymentGateway {
  /**
   * Idempotent per order (a real provider's idempotency key is the order id): charging an order
   * that was charged already answers that first payment and charges nothing more, so racing or
   * retried payments of one order cost the buyer once. A declined attempt is not remembered.
   */
  charge(request: { orderId: string; amount: Money; paymentMethod: string }): Promise<PaymentResult>;
  /**
   * Gives `amount` of the order's charge back to the buyer. Idempotent per order like `charge`: a
   * second refund of the same order answers the first refund and pays nothing more, so racing or
   * retried cancels refund once. An order never charged is `not_charged`; more than was charged,
   * `amount_exceeds_charge` (nothing refunded either way).
   */
  refund(request: { orderId: string; amount: Money }): Promise<RefundResult>;
}
export const PaymentGateway = Symbol.for('PaymentGateway');
