import { DomainError } from '../../../domain/shared/domain-error.js';
import { createOrder, isPlaced, type Order, type ShippingAddress } from '../../../domain/orders/order.js';
import type { Clock } from '../../shared/ports/clock.js';
import { idempotencyErrors } from '../../shared/idempotency-errors.js';
import type { IdGenerator } from '../../shared/ports/id-generator.js';
import { fingerprintOf, type IdempotentRequests } from '../idempotent-requests.js';
import type { OrderPlacement } from '../order-placement.js';
import type { OrderCheckout } from '../ports/order-checkout.js';
import type { OrderRepository } from '../ports/order-repository.js';

/** How far back a retry looks for the order its key placed: the life of an Idempotency-Key. */
const KEY_LIFE_MS = 24 * 3600_000;

export interface CreateOrderCommand {
  buyerId: string;
  idempotencyKey: string;
  shippingAddress: ShippingAddress;
}

const cartEmpty = () => new DomainError('conflict', 'CART_EMPTY', 'the cart is empty');
const reservationExpired = (listingIds: string[]) =>
  new DomainError('conflict', 'RESERVATION_EXPIRED', 'a reservation of the cart has expired; add the items again', {
    listingIds,
  });

/**
 * Turns the cart's live reservations into an order (stock sold, cart emptied), placed in the
 * crash-safe steps of OrderPlacement. The same Idempotency-Key with the same body answers the
 * same order, even when both requests arrive at once; with another body it is 409. The order
 * records its key, so that a retry after a crash (the key's claim ran out) finds the order the
 * dead request left: a placed one is answered, a `placing` one is settled first (answered when
 * its stock was sold, else placed anew from the cart).
 */
export class CreateOrder {
  constructor(
    private readonly orders: OrderRepository,
    private readonly checkout: OrderCheckout,
    private readonly placement: OrderPlacement,
    private readonly idempotency: IdempotentRequests,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  execute(command: CreateOrderCommand): Promise<Order> {
    const request = {
      scope: command.buyerId,
      key: command.idempotencyKey,
      fingerprint: fingerprintOf(command.shippingAddress),
    };
    return this.idempotency.run(
      request,
      async () => {
        const order = await this.place(command);
        return { value: order, response: order.id };
      },
      (orderId) => this.answered(orderId),
    );
  }

  private async place(command: CreateOrderCommand): Promise<Order> {
    const earlier = await this.earlierAttempt(command);
    if (earlier) return earlier;
    const now = this.clock.now();
    const cart = await this.checkout.cartOf(command.buyerId, now);
    if (!cart.ok) throw cart.reason === 'empty_cart' ? cartEmpty() : reservationExpired(cart.listingIds);
    const { buyerId, idempotencyKey: checkoutKey, shippingAddress } = command;
    const placing = createOrder({
      id: this.ids.next(),
      buyerId,
      items: cart.items,
      shippingAddress,
      checkoutKey,
      at: now,
    });
    const placed = await this.placement.place(placing, (order) =>
      this.checkout.sell(order.id, buyerId, order.items, now),
    );
    if (placed.ok) return placed.order;
    throw placed.reason === 'abandoned' ? idempotencyErrors.inProgress() : reservationExpired(placed.listingIds);
  }

  /** The order an earlier, dead attempt with this key placed (settled first if it was still placing). */
  private async earlierAttempt(command: CreateOrderCommand): Promise<Order | null> {
    const earlier = await this.orders.findByCheckoutKey(command.buyerId, command.idempotencyKey);
    if (!earlier || earlier.createdAt.getTime() < this.clock.now().getTime() - KEY_LIFE_MS) return null;
    const settled = earlier.status === 'placing' ? await this.placement.settle(earlier) : earlier;
    return isPlaced(settled) ? settled : null;
  }

  private async answered(orderId: string): Promise<Order> {
    const order = await this.orders.findById(orderId);
    if (!order) throw idempotencyErrors.inProgress();
    return order;
  }
}
