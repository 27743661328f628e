import type { OrderItem } from '../../../domain/orders/order.js';

/** Stock of a listing right after a checkout or a give-back. */
export interface StockChange {
  listingId: string;
  onHand: number;
  available: number;
}

export type CheckoutResult =
  | { ok: true; items: OrderItem[]; stock: StockChange[] }
  | { ok: false; reason: 'empty_cart' }
  | { ok: false; reason: 'reservation_expired'; listingIds: string[] };

/**
 * The buyer's cart as the orders module sees it (served by the cart module): `checkout` turns every
 * live reservation into sold stock and empties the cart, all or nothing; `giveBack` restocks;
 * `takeAuctionUnit` sells an auction's held unit.
 */
export interface OrderCheckout {
  checkout(buyerId: string, now: Date): Promise<CheckoutResult>;
  giveBack(items: Pick<OrderItem, 'listingId' | 'quantity'>[]): Promise<StockChange[]>;
  /** Sells the unit the auction held for its winner; [] when it is not held any more (already taken). */
  takeAuctionUnit(auctionId: string, listingId: string, now: Date): Promise<StockChange[]>;
}
export const OrderCheckout = Symbol.for('OrderCheckout');
