import { DomainError } from '../../../domain/shared/domain-error.js';
import { markPaid, orderErrors, type Order, type ShippingAddress } from '../../../domain/orders/order.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/ports/clock.js';
import { fingerprintOf, type IdempotentRequests } from '../idempotent-requests.js';
import { loadVisibleOrder } from '../order-access.js';
import { isConcurrentUpdate } from '../order-cancellation.js';
import type { OrderEvents } from '../order-events.js';
import type { OrderRepository } from '../ports/order-repository.js';
import type { PaymentGateway } from '../ports/payment-gateway.js';

export interface PayOrderCommand {
  orderId: string;
  paymentMethod: string;
  shippingAddress?: ShippingAddress;
  /** Optional (api.md 1.1): the same key and body answer the first answer again, and pay once. */
  idempotencyKey?: string;
}

/**
 * The buyer pays a pending order (giving the shipping address now when it has none) before its
 * `payBy` (after it: 409 ORDER_PAYMENT_EXPIRED, nothing charged); a declined payment (402) leaves
 * it `pending_payment`. Crash-safe: the charge is idempotent per order and the paid order is
 * stored with `order.paid` (and the sellers' notifications) in one write, so a retry after a crash
 * between the charge and the save charges once and completes. With an Idempotency-Key, a retry of
 * a request that died after paying answers the paid order. A charge whose save lost the race to a
 * cancel (the buyer's, or the deadline's) is refunded at once, and the answer is 409.
 */
export class PayOrder {
  constructor(
    private readonly orders: OrderRepository,
    private readonly payments: PaymentGateway,
    private readonly events: OrderEvents,
    private readonly idempotency: IdempotentRequests,
    private readonly clock: Clock,
  ) {}

  execute(actor: Actor, command: PayOrderCommand): Promise<Order> {
    const { idempotencyKey, ...body } = command;
    if (!idempotencyKey) return this.pay(actor, command, false);
    return this.idempotency.run(
      { scope: `pay:${actor.userId}`, key: idempotencyKey, fingerprint: fingerprintOf(body) },
      async (recovered) => {
        const order = await this.pay(actor, command, recovered);
        return { value: order, response: order.id };
      },
      () => this.buyersOrder(actor, command.orderId),
    );
  }

  /** `retried`: an earlier request with the same key died: an order it paid is its answer. */
  private async pay(actor: Actor, command: PayOrderCommand, retried: boolean): Promise<Order> {
    const order = await this.buyersOrder(actor, command.orderId);
    if (retried && order.status === 'paid') return order;
    const now = this.clock.now();
    markPaid(order, now, command.shippingAddress); // refused before charging: wrong state, past payBy, no address
    const payment = await this.payments.charge({
      orderId: order.id,
      amount: order.total,
      paymentMethod: command.paymentMethod,
    });
    if (!payment.ok)
      throw new DomainError('payment_required', 'PAYMENT_DECLINED', `the payment was declined: ${payment.reason}`);
    const paid = markPaid(order, now, command.shippingAddress, payment.paymentId);
    try {
      await this.orders.save(paid, this.events.paid(paid));
    } catch (error) {
      if (isConcurrentUpdate(error)) await this.refundIfCancelled(order.id);
      throw error;
    }
    return paid;
  }

  /**
   * The order was cancelled while this charge ran: the buyer gets the charge back; the answer is the cancelled state
   * (409).
   */
  private async refundIfCancelled(orderId: string): Promise<void> {
    const stored = await this.orders.findById(orderId);
    if (stored?.status !== 'cancelled') return;
    await this.payments.refund({ orderId, amount: stored.total });
    throw orderErrors.invalidTransition('cancelled', 'pay');
  }

  private async buyersOrder(actor: Actor, orderId: string): Promise<Order> {
    const order = await loadVisibleOrder(this.orders, orderId, actor);
    if (order.buyerId !== actor.userId) throw orderErrors.notFound();
    return order;
  }
}
