import { DomainError } from '../../../domain/shared/domain-error.js';
import { markPaid, orderErrors, type Order, type ShippingAddress } from '../../../domain/orders/order.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/ports/clock.js';
import { loadVisibleOrder } from '../order-access.js';
import type { OrderEvents } from '../order-events.js';
import type { OrderRepository } from '../ports/order-repository.js';
import type { PaymentGateway } from '../ports/payment-gateway.js';

/** The buyer pays a pending order (giving the shipping address now when it has none); a declined payment (402) leaves it `pending_payment`. */
export class PayOrder {
  constructor(
    private readonly orders: OrderRepository,
    private readonly payments: PaymentGateway,
    private readonly events: OrderEvents,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, orderId: string, paymentMethod: string, shippingAddress?: ShippingAddress): Promise<Order> {
    const order = await loadVisibleOrder(this.orders, orderId, actor);
    if (order.buyerId !== actor.userId) throw orderErrors.notFound();
    const paid = markPaid(order, this.clock.now(), shippingAddress);
    const payment = await this.payments.charge({ orderId, amount: order.total, paymentMethod });
    if (!payment.ok) throw new DomainError('payment_required', 'PAYMENT_DECLINED', `the payment was declined: ${payment.reason}`);
    await this.orders.save(paid);
    await this.events.paid(paid);
    return paid;
  }
}
