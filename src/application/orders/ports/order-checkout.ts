import type { Order, OrderItem } from '../../../domain/orders/order.js';

export type CartContents =
  | { ok: true; items: OrderItem[] }
  | { ok: false; reason: 'empty_cart' }
  | { ok: false; reason: 'reservation_expired'; listingIds: string[] };

/** The outcome of selling an order's stock. */
export type StockSale =
  | { ok: true } // sold now, or by an earlier run for this order id
  | { ok: false; reason: 'reservation_expired'; listingIds: string[] } // nothing sold
  | { ok: false; reason: 'abandoned' }; // the order was settled as not sold meanwhile: it never will be

/**
 * The buyer's cart and the stock as the orders module sees them (served by the cart module). Every
 * sale is keyed by the order id, so that a checkout that died can be re-run or settled: a repeat
 * sells nothing more, and once `settle` has found an order unsold, it is never sold.
 */
export interface OrderCheckout {
  /** The order the buyer's cart makes now: each line with its live reservation (nothing changes). */
  cartOf(buyerId: string, now: Date): Promise<CartContents>;
  /** Sells the buyer's reserved units for order `orderId`, all or nothing, and empties those lines of the cart. */
  sell(orderId: string, buyerId: string, items: OrderItem[], now: Date): Promise<StockSale>;
  /**
   * Holds one unit of the listing for the auction again, until `until` (a second-chance offer then
   * sells it with `sellAuctionUnit`); setting the hold to one unit, so a repeat holds no more.
   * false when no unit is available.
   */
  holdAuctionUnit(auctionId: string, listingId: string, until: Date, now: Date): Promise<boolean>;
  /** Sells the unit an auction held for its winner's order `orderId`. */
  sellAuctionUnit(orderId: string, auctionId: string, listingId: string, now: Date): Promise<StockSale>;
  /** Whether the stock of an order whose checkout may have died was sold; if not, it never will be. */
  settle(orderId: string): Promise<'sold' | 'unsold'>;
  /** Gives back the units of a cancelled order, once per order (a repeat gives nothing). */
  giveBack(order: Pick<Order, 'id' | 'buyerId' | 'items'>): Promise<void>;
}
export const OrderCheckout = Symbol.for('OrderCheckout');
