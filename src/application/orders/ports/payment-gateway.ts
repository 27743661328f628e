import type { Money } from '../../../domain/shared/money.js';

export type PaymentResult = { ok: true; paymentId: string } | { ok: false; reason: string };

/** Charges a buyer; the only adapter for now is a test provider. */
export interface PaymentGateway {
  charge(request: { orderId: string; amount: Money; paymentMethod: string }): Promise<PaymentResult>;
}
export const PaymentGateway = Symbol.for('PaymentGateway');
