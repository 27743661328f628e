import { DomainError } from '../shared/domain-error.js';
import type { Money } from '../shared/money.js';

export const orderStatuses = ['pending_payment', 'paid', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

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

export function orderTotal(items: OrderItem[]): Money {
  const currency = items[0]?.unitPrice.currency ?? 'EUR';
  return { amount: items.reduce((sum, i) => sum + i.unitPrice.amount * i.quantity, 0), currency };
}

export function createOrder(input: { id: string; buyerId: string; items: OrderItem[]; shippingAddress?: ShippingAddress; auctionId?: string; at: Date }): Order {
  const { at, ...order } = input;
  return { ...order, total: orderTotal(input.items), status: 'pending_payment', createdAt: at, updatedAt: at, version: 1 };
}

function move(order: Order, from: readonly OrderStatus[], to: OrderStatus, action: string, at: Date): Order {
  if (!from.includes(order.status)) throw orderErrors.invalidTransition(order.status, action);
  return { ...order, status: to, updatedAt: at, version: order.version + 1 };
}

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
