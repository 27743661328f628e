import type { CartLine } from '../../../domain/cart/cart.js';

/** The lines of each buyer's cart. The units themselves are held by the StockLedger. */
export interface CartRepository {
  lines(buyerId: string): Promise<CartLine[]>;
  /** Inserts or replaces the buyer's line for `line.listingId`. */
  putLine(buyerId: string, line: CartLine): Promise<void>;
  removeLine(buyerId: string, listingId: string): Promise<void>;
}
export const CartRepository = Symbol.for('CartRepository');
