import { DomainError } from '../../domain/shared/domain-error.js';
import { cancelOrder, needsRefund, type CancelReason, type Order } from '../../domain/orders/order.js';
import type { Clock } from '../shared/ports/clock.js';
import type { OrderEvents } from './order-events.js';
import type { OrderCheckout } from './ports/order-checkout.js';
import type { OrderRepository } from './ports/order-repository.js';
import type { PaymentGateway, Refund } from './ports/payment-gateway.js';

const refundFailed = (reason: string) =>
  new DomainError(
    'conflict',
    'ORDER_REFUND_FAILED',
    `the payment provider refused the refund (${reason}): the order stays as it was`,
    { reason },
  );

/** Whether an error is a lost race on the order's version. */
export const isConcurrentUpdate = (error: unknown): boolean =>
  error instanceof DomainError && error.code === 'ORDER_CONCURRENT_UPDATE';

/**
 * How every cancel is done (the buyer's, an admin's, the payment deadline's), in steps ordered so
 * that a crash between any two is finished by a retry:
 * 1. a paid order is refunded in full through the payment provider, which refunds once per order
 *    (a retry, or a racing cancel, gets the first refund back and pays nothing more); an unpaid
 *    one gets back a charge whose payment died before its save, if any;
 * 2. the order is written `cancelled` (with the refund and the reason) and `order.cancelled` in one
 *    write, conditional on the version it was read at (a lost race: ORDER_CONCURRENT_UPDATE, nothing
 *    written);
 * 3. the units go back to stock, once per order id (the cart's consumer of `order.cancelled` does
 *    it too, should the process die before).
 * A crash after 1 leaves the order paid and refunded: the retried cancel gets the same refund and
 * writes the cancel.
 */
export class OrderCancellation {
  constructor(
    private readonly orders: OrderRepository,
    private readonly checkout: OrderCheckout,
    private readonly payments: PaymentGateway,
    private readonly events: OrderEvents,
    private readonly clock: Clock,
  ) {}

  async cancel(order: Order, cancelledBy: string, reason: CancelReason): Promise<Order> {
    const refund = needsRefund(order) ? await this.refund(order) : await this.refundStrayCharge(order);
    const cancelled = cancelOrder(order, this.clock.now(), { reason, refund });
    await this.orders.save(cancelled, this.events.cancelled(cancelled, cancelledBy));
    await this.checkout.giveBack(cancelled);
    return cancelled;
  }

  /**
   * An unpaid order may still have been charged: a payment whose process died between the charge
   * and its save (then refused as too late, or never retried). Whatever was charged goes back;
   * nothing was, usually (`not_charged`). The order does not show it: it was never paid.
   */
  private async refundStrayCharge(order: Order): Promise<undefined> {
    await this.payments.refund({ orderId: order.id, amount: order.total });
    return undefined;
  }

  /** Gives back what was charged for the order (once per order, whoever asks). */
  async refund(order: Pick<Order, 'id' | 'total'>): Promise<Refund> {
    const refunded = await this.payments.refund({ orderId: order.id, amount: order.total });
    if (!refunded.ok) throw refundFailed(refunded.reason);
    return refunded.refund;
  }
}
