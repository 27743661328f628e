import type { Money } from '../../domain/shared/money.js';

/** A line of the buyer's cart with its live reservation, as an order takes it. */
export interface CheckoutLine {
  listingId: string;
  sellerId: string;
  title: string;
  unitPrice: Money;
  quantity: number;
}

export type CheckoutCart =
  | { ok: true; lines: CheckoutLine[] }
  | { ok: false; reason: 'empty_cart' }
  | { ok: false; reason: 'reservation_expired'; listingIds: string[] };

/** Units of a listing sold to, or given back from, an order. */
export interface SoldUnits {
  listingId: string;
  quantity: number;
}

/** The outcome of selling an order's stock. */
export type StockSale =
  | { ok: true } // sold now, or by an earlier run for this order id
  | { ok: false; reason: 'reservation_expired'; listingIds: string[] } // nothing sold
  | { ok: false; reason: 'abandoned' }; // the order was settled as not sold meanwhile: it never will be

export type AuctionHoldResult = 'held' | 'insufficient_stock' | 'unknown_listing';

/**
 * What other modules may ask of the cart and its stock ledger: its public API (served in-process
 * by `CartPublicApi`; an HTTP API after a split). Sales are keyed by the order id, so a repeat
 * sells nothing more; the units an auction holds are held under the auction's id.
 */
export interface CartApi {
  /** Units of each listing buyers can still reserve; listings the ledger does not know are absent. */
  availableOf(listingIds: string[]): Promise<Map<string, number>>;
  /** Holds one unit of the listing for the auction until `until` (a repeat holds no more). */
  holdForAuction(listingId: string, auctionId: string, until: Date, now: Date): Promise<AuctionHoldResult>;
  /** Gives the unit held for the auction back (nothing when it is not held any more). */
  releaseAuctionHold(listingId: string, auctionId: string): Promise<void>;
  /** The buyer's cart lines, each with its live reservation (nothing changes). */
  checkoutCart(buyerId: string, now: Date): Promise<CheckoutCart>;
  /** Sells the buyer's reserved units for order `orderId`, all or nothing, and empties those lines. */
  sell(orderId: string, buyerId: string, units: SoldUnits[], now: Date): Promise<StockSale>;
  /** Sells the unit held for the auction to its order `orderId`. */
  sellAuctionUnit(orderId: string, auctionId: string, listingId: string, now: Date): Promise<StockSale>;
  /** Whether the stock of the order was sold; if not, it never will be. */
  settle(orderId: string): Promise<'sold' | 'unsold'>;
  /** Gives back the units of a cancelled order, once per order (a repeat gives nothing). */
  giveBack(orderId: string, buyerId: string, units: SoldUnits[]): Promise<void>;
}
export const CartApi = Symbol.for('CartApi');
