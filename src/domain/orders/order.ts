import { DomainError } from '../shared/domain-error.js';
import { sumMoney, times, type Money } from '../shared/money.js';

/** The statuses clients see. */
export const orderStatuses = ['pending_payment', 'paid', 'shipped', 'delivered', 'cancelled'] as const;
/**
 * Internal to the server, never shown: `placing` while a checkout sells the stock (the order is
 * written first, so a crash leaves a trace a sweeper completes or rolls back), `failed` when it
 * could not (nothing was sold). Such orders are not found by clients and not listed.
 */
export const internalOrderStatuses = ['placing', 'failed'] as const;
export type OrderStatus = (typeof orderStatuses)[number] | (typeof internalOrderStatuses)[number];

export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
}

/** A snapshot of what was bought: later edits of the listing do not change it. */
export interface OrderItem {
  listingId: string;
  sellerId: string;
  title: string;
  unitPrice: Money;
  quantity: number;
}

export interface Order {
  id: string;
  buyerId: string;
  items: OrderItem[];
  total: Money;
  status: OrderStatus;
  /** Absent on an auction's order until the buyer gives it, at payment at the latest. */
  shippingAddress?: ShippingAddress;
  /** The auction this order is the winning bid of. */
  auctionId?: string;
  deliveryId?: string;
  /** The courier of its delivery, once one is assigned: may see the order. */
  courierId?: string;
  /** The Idempotency-Key of the checkout that placed it (internal: a retry of that request finds it). */
  checkoutKey?: string;
  createdAt: Date;
  updatedAt: Date;
  paidAt?: Date;
  cancelledAt?: Date;
  /** Bumped on every change; saves are conditional on it. */
  version: number;
}

export const orderErrors = {
  notFound: () => new DomainError('not_found', 'ORDER_NOT_FOUND', 'order not found'),
  invalidTransition: (status: OrderStatus, action: string) =>
    new DomainError('conflict', 'ORDER_INVALID_TRANSITION', `cannot ${action} an order that is ${status}`, { orderStatus: status }),
  addressRequired: () =>
    new DomainError('invalid', 'ORDER_SHIPPING_ADDRESS_REQUIRED', 'this order has no shipping address yet: pay with one', { errors: [{ path: 'body.shippingAddress', message: 'required' }] }),
  concurrentUpdate: () => new DomainError('conflict', 'ORDER_CONCURRENT_UPDATE', 'the order was changed meanwhile; read it again'),
};

export function sellerIdsOf(order: Pick<Order, 'items'>): string[] {
  return [...new Set(order.items.map((i) => i.sellerId))];
}

/** The sum of the items, which are all in one currency (a mix is refused: MONEY_CURRENCY_MISMATCH); an order has an item at least. */
export function orderTotal(items: OrderItem[]): Money {
  const total = sumMoney(items.map((i) => times(i.unitPrice, i.quantity)));
  if (!total) throw new DomainError('invalid', 'ORDER_NO_ITEMS', 'an order has an item at least');
  return total;
}

export interface NewOrder {
  id: string;
  buyerId: string;
  items: OrderItem[];
  shippingAddress?: ShippingAddress;
  auctionId?: string;
  checkoutKey?: string;
  at: Date;
}

/** An order starts `placing`: written before its stock is sold, confirmed once it is. */
export function createOrder(input: NewOrder): Order {
  const { at, ...order } = input;
  return { ...order, total: orderTotal(input.items), status: 'placing', createdAt: at, updatedAt: at, version: 1 };
}

/** Clients see an order once it is placed; never while `placing`, nor when it `failed`. */
export const isPlaced = (order: Pick<Order, 'status'>): boolean => !(internalOrderStatuses as readonly string[]).includes(order.status);

function move(order: Order, from: readonly OrderStatus[], to: OrderStatus, action: string, at: Date): Order {
  if (!from.includes(order.status)) throw orderErrors.invalidTransition(order.status, action);
  return { ...order, status: to, updatedAt: at, version: order.version + 1 };
}

/** Its stock is sold: the order exists for its buyer and sellers, waiting for payment. */
export const confirmOrder = (order: Order, at: Date): Order => move(order, ['placing'], 'pending_payment', 'confirm', at);
/** Its stock could not be sold (or the checkout died before): nothing was sold, the order never existed for clients. */
export const failOrder = (order: Order, at: Date): Order => move(order, ['placing'], 'failed', 'fail', at);

/** Paying needs a shipping address: the order's, or the one given now (which replaces it). */
export function markPaid(order: Order, at: Date, shippingAddress?: ShippingAddress): Order {
  const paid = { ...move(order, ['pending_payment'], 'paid', 'pay', at), paidAt: at };
  const address = shippingAddress ?? order.shippingAddress;
  if (!address) throw orderErrors.addressRequired();
  return { ...paid, shippingAddress: address };
}
export const markShipped = (order: Order, at: Date): Order => move(order, ['paid'], 'shipped', 'ship', at);
export const markDelivered = (order: Order, at: Date): Order => move(order, ['shipped'], 'delivered', 'deliver', at);
/** Allowed before shipping; the stock goes back. */
export const cancelOrder = (order: Order, at: Date): Order => ({ ...move(order, ['pending_payment', 'paid'], 'cancelled', 'cancel', at), cancelledAt: at });
