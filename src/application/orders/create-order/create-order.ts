import { DomainError } from '../../../domain/shared/domain-error.js';
import { createOrder, type Order, type ShippingAddress } from '../../../domain/orders/order.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/id-generator.js';
import type { OrderEvents } from '../order-events.js';
import type { CheckoutResult, OrderCheckout } from '../ports/order-checkout.js';
import type { OrderRepository } from '../ports/order-repository.js';
import type { IdempotencyStore } from '../ports/idempotency-store.js';

const KEY_TTL_SECONDS = 24 * 3600;
const WAIT_FOR_TWIN_MS = 10_000;

export interface CreateOrderCommand {
  buyerId: string;
  idempotencyKey: string;
  shippingAddress: ShippingAddress;
}

/** The body's identity for the idempotency check: the same address in any key order is the same request. */
function fingerprint(address: ShippingAddress): string {
  return JSON.stringify(Object.entries(address).sort(([a], [b]) => a.localeCompare(b)));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function checkoutFailure(result: Exclude<CheckoutResult, { ok: true }>): DomainError {
  if (result.reason === 'empty_cart') return new DomainError('conflict', 'CART_EMPTY', 'the cart is empty');
  return new DomainError('conflict', 'RESERVATION_EXPIRED', 'a reservation of the cart has expired; add the items again', { listingIds: result.listingIds });
}

/**
 * Turns the cart's live reservations into an order (stock sold, cart emptied). The same
 * Idempotency-Key with the same body answers the same order, even when both requests arrive at
 * once; with another body it is 409.
 */
export class CreateOrder {
  constructor(
    private readonly orders: OrderRepository,
    private readonly checkout: OrderCheckout,
    private readonly idempotency: IdempotencyStore,
    private readonly events: OrderEvents,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateOrderCommand): Promise<Order> {
    const print = fingerprint(command.shippingAddress);
    const started = Date.now();
    for (;;) {
      const claim = await this.idempotency.claim(command.buyerId, command.idempotencyKey, print, KEY_TTL_SECONDS);
      if (claim.state === 'claimed') return this.place(command);
      if (claim.state === 'mismatch') throw new DomainError('conflict', 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with another body');
      if (claim.state === 'done') return this.existing(claim.response);
      if (Date.now() - started > WAIT_FOR_TWIN_MS) throw new DomainError('conflict', 'IDEMPOTENCY_IN_PROGRESS', 'the same request is still being handled; retry');
      await sleep(25);
    }
  }

  private async place(command: CreateOrderCommand): Promise<Order> {
    try {
      const now = this.clock.now();
      const result = await this.checkout.checkout(command.buyerId, now);
      if (!result.ok) throw checkoutFailure(result);
      const order = createOrder({ id: this.ids.next(), buyerId: command.buyerId, items: result.items, shippingAddress: command.shippingAddress, at: now });
      await this.orders.create(order);
      await this.idempotency.complete(command.buyerId, command.idempotencyKey, order.id, KEY_TTL_SECONDS);
      await this.events.created(order, result.stock);
      return order;
    } catch (error) {
      await this.idempotency.release(command.buyerId, command.idempotencyKey);
      throw error;
    }
  }

  private async existing(orderId: string): Promise<Order> {
    const order = await this.orders.findById(orderId);
    if (!order) throw new DomainError('conflict', 'IDEMPOTENCY_IN_PROGRESS', 'the first request is not finished yet; retry');
    return order;
  }
}
