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
/** Why an order was cancelled: by its buyer, by an admin, or by the server when it was not paid in time. */
export const cancelReasons = ['buyer', 'admin', 'payment_timeout'] as const;
export type CancelReason = (typeof cancelReasons)[number];

/** The charge that paid an order (api.md 1.1). */
export interface OrderPayment {
  id: string;
  amount: Money;
  paidAt: Date;
}

/** The refund of a paid order that was cancelled: always its whole total. */
export interface OrderRefund {
  id: string;
  amount: Money;
  refundedAt: Date;
}

/** How long a placed order may wait for its payment: an auction's order, longer. */
export interface PaymentDeadlines {
  orderSeconds: number;
  auctionSeconds: number;
}

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
  /** The auction this order is the winning bid of (or a second-chance offer of). */
  auctionId?: string;
  /** A second-chance offer: the id of the auction order whose buyer did not pay in time. */
  secondChanceOf?: string;
  deliveryId?: string;
  /** The courier of its delivery, once one is assigned: may see the order. */
  courierId?: string;
  /** The Idempotency-Key of the checkout that placed it (internal: a retry of that request finds it). */
  checkoutKey?: string;
  createdAt: Date;
  updatedAt: Date;
  paidAt?: Date;
  /** The deadline for paying a `pending_payment` order; past it, the server cancels it (`payment_timeout`). */
  payBy?: Date;
  payment?: OrderPayment;
  cancelledAt?: Date;
  cancelReason?: CancelReason;
  /** Set when a paid order was cancelled: its total went back to the buyer. */
  refund?: OrderRefund;
  /** Bumped on every change; saves are conditional on it. */
  version: number;
}

export const orderErrors = {
  notFound: () => new DomainError('not_found', 'ORDER_NOT_FOUND', 'order not found'),
  invalidTransition: (status: OrderStatus, action: string) =>
    new DomainError('conflict', 'ORDER_INVALID_TRANSITION', `cannot ${action} an order that is ${status}`, {
      orderStatus: status,
    }),
  addressRequired: () =>
    new DomainError(
      'invalid',
      'ORDER_SHIPPING_ADDRESS_REQUIRED',
      'this order has no shipping address yet: pay with one',
      { errors: [{ field: 'shippingAddress', message: 'required' }] },
    ),
  paymentExpired: (payBy: Date) =>
    new DomainError(
      'conflict',
      'ORDER_PAYMENT_EXPIRED',
      `the payment deadline passed at ${payBy.toISOString()}: the order is or will be cancelled`,
      { payBy: payBy.toISOString() },
    ),
  concurrentUpdate: () =>
    new DomainError('conflict', 'ORDER_CONCURRENT_UPDATE', 'the order was changed meanwhile; read it again'),
};

export function sellerIdsOf(order: Pick<Order, 'items'>): string[] {
  return [...new Set(order.items.map((i) => i.sellerId))];
}

/**
 * The sum of the items, which are all in one currency (a mix is refused: MONEY_CURRENCY_MISMATCH); an order has an item
 * at least.
 */
export function orderTotal(items: OrderItem[]): Money {
  const total = sumMoney(items.map((i) => times(i.unitPrice, i.quantity)));
  if (!total)
    throw new DomainError('invalid', 'ORDER_NO_ITEMS', 'an order has an item at least', {
      errors: [{ field: 'items', message: 'must hold an item at least' }],
    });
  return total;
}

export interface NewOrder {
  id: string;
  buyerId: string;
  items: OrderItem[];
  shippingAddress?: ShippingAddress;
  auctionId?: string;
  secondChanceOf?: string;
  checkoutKey?: string;
  at: Date;
}

/** An order starts `placing`: written before its stock is sold, confirmed once it is. */
export function createOrder(input: NewOrder): Order {
  const { at, ...order } = input;
  return { ...order, total: orderTotal(input.items), status: 'placing', createdAt: at, updatedAt: at, version: 1 };
}

/** Clients see an order once it is placed; never while `placing`, nor when it `failed`. */
export const isPlaced = (order: Pick<Order, 'status'>): boolean =>
  !(internalOrderStatuses as readonly string[]).includes(order.status);

function move(order: Order, from: readonly OrderStatus[], to: OrderStatus, action: string, at: Date): Order {
  if (!from.includes(order.status)) throw orderErrors.invalidTransition(order.status, action);
  return { ...order, status: to, updatedAt: at, version: order.version + 1 };
}

/** When a placed order must be paid by: an auction's order (the winner's, or a second chance) has longer. */
export function paymentDeadline(order: Pick<Order, 'auctionId'>, at: Date, deadlines: PaymentDeadlines): Date {
  const seconds = order.auctionId ? deadlines.auctionSeconds : deadlines.orderSeconds;
  return new Date(at.getTime() + seconds * 1000);
}

/** Its stock is sold: the order exists for its buyer and sellers, waiting for payment until `payBy`. */
export function confirmOrder(order: Order, at: Date, payBy?: Date): Order {
  return { ...move(order, ['placing'], 'pending_payment', 'confirm', at), ...(payBy ? { payBy } : {}) };
}
/** Its stock could not be sold (or the checkout died before): nothing was sold, the order never existed for clients. */
export const failOrder = (order: Order, at: Date): Order => move(order, ['placing'], 'failed', 'fail', at);

/** Whether `at` is past the order's payment deadline (an order without one never expires). */
export const isPaymentOverdue = (order: Pick<Order, 'status' | 'payBy'>, at: Date): boolean =>
  order.status === 'pending_payment' && order.payBy !== undefined && at.getTime() >= order.payBy.getTime();

/**
 * Paying needs a shipping address (the order's, or the one given now, which replaces it) and
 * time left before `payBy`. Called before charging (to refuse early) and with the charge's id.
 */
export function markPaid(order: Order, at: Date, shippingAddress?: ShippingAddress, paymentId?: string): Order {
  const paid = { ...move(order, ['pending_payment'], 'paid', 'pay', at), paidAt: at };
  if (isPaymentOverdue(order, at)) throw orderErrors.paymentExpired(order.payBy!);
  const address = shippingAddress ?? order.shippingAddress;
  if (!address) throw orderErrors.addressRequired();
  const payment = paymentId ? { payment: { id: paymentId, amount: order.total, paidAt: at } } : {};
  return { ...paid, shippingAddress: address, ...payment };
}
export const markShipped = (order: Order, at: Date): Order => move(order, ['paid'], 'shipped', 'ship', at);
export const markDelivered = (order: Order, at: Date): Order => move(order, ['shipped'], 'delivered', 'deliver', at);
/** Only a paid order is refunded when cancelled; an unpaid one is just cancelled. */
export const needsRefund = (order: Pick<Order, 'status'>): boolean => order.status === 'paid';

export interface Cancellation {
  reason?: CancelReason;
  /** Required when the order is paid: the refund of its total, made before the cancel. */
  refund?: { id: string; refundedAt: Date };
}

/** Allowed before shipping; the stock goes back. A paid order records the refund of its total (made first). */
export function cancelOrder(order: Order, at: Date, cancellation: Cancellation = {}): Order {
  const cancelled = { ...move(order, ['pending_payment', 'paid'], 'cancelled', 'cancel', at), cancelledAt: at };
  const { reason, refund } = cancellation;
  const refunded =
    refund && needsRefund(order)
      ? { refund: { id: refund.id, amount: order.total, refundedAt: refund.refundedAt } }
      : {};
  return { ...cancelled, ...(reason ? { cancelReason: reason } : {}), ...refunded };
}
