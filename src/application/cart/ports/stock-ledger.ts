/** Stock of one listing as the ledger holds it: `available + reserved = onHand`, never below zero. */
export interface StockLevel {
  listingId: string;
  onHand: number;
  reserved: number;
  available: number;
}

/** Units of one listing held for one holder (a buyer's cart) until `expiresAt`. */
export interface Reservation {
  listingId: string;
  holderId: string;
  quantity: number;
  expiresAt: Date;
}

export type ReservationResult =
  | { ok: true; reservation: Reservation | null; level: StockLevel } // reservation null when set to 0
  | { ok: false; reason: 'insufficient_stock' | 'unknown_listing'; level: StockLevel | null };

export interface CommitItem {
  listingId: string;
  quantity: number;
}

export type CommitResult =
  | { ok: true; levels: StockLevel[] } // a repeat of a committed order: its current levels, nothing more sold
  | { ok: false; reason: 'missing'; missing: string[] } // listings whose reservation is absent, expired or smaller
  | { ok: false; reason: 'abandoned' }; // the order was abandoned (abandon()) before it was committed

/** What happened to an order's stock in the ledger, after `abandon`. */
export type OrderStockState = 'committed' | 'abandoned';

/** Why units held for someone went back to stock (the `reason` of `stock.released`). */
export type ReleaseReason = 'removed' | 'expired' | 'order_cancelled' | 'auction_ended';

export interface ReleasedReservation extends Reservation {
  level: StockLevel;
}

/**
 * Available stock and live reservations per listing (Redis with one Lua script per operation, or
 * memory). Every operation is atomic: stock is never oversold, a reservation is released or
 * committed exactly once. Time is passed in (`now`) so that expiry decisions are testable.
 *
 * Events: every change stores its `stock.*` events in the outbox in the same atomic step (the
 * ledger builds them, with ids and time of its own, from the level it has just computed, which no
 * caller could know): `stock.reserved` / `stock.released` with the change of a hold (by its
 * delta), `stock.updated` when stock on hand moves (setOnHand, a seed that seeds, commit,
 * restock). Callers publish nothing.
 *
 * Orders: `commit` is keyed by the order id, so that a checkout can be re-run or recovered: the
 * ledger remembers (for 30 days) whether an order was committed, abandoned or restocked.
 */
export interface StockLedger {
  /**
   * Sets stock on hand (seeded when a listing is published, follows quantity edits and reconciliation). Reservations
   * stay.
   */
  setOnHand(listingId: string, onHand: number): Promise<StockLevel>;
  /**
   * Sets stock on hand only if the ledger does not know the listing yet (its first publication,
   * or the first hold after it, whichever comes first), and answers the level it then has. A known
   * listing is left as it is and nothing is stored: a late seed never undoes a sale or an edit.
   */
  seed(listingId: string, onHand: number): Promise<StockLevel>;
  /** null when the listing was never seeded. Expired reservations still count until released. */
  level(listingId: string): Promise<StockLevel | null>;
  /** `level` of each listing, in order, read together (one round trip on Redis). */
  levels(listingIds: string[]): Promise<(StockLevel | null)[]>;
  /**
   * Sets the holder's reservation on a listing to exactly `quantity` (0 releases it), with a new
   * expiry, if the stock allows: moving up needs `available >= quantity - current`.
   */
  hold(listingId: string, holderId: string, quantity: number, expiresAt: Date, now: Date): Promise<ReservationResult>;
  /**
   * Adds `quantity` (> 0) to the holder's reservation (a live one, or none) with a new expiry,
   * if `available >= quantity`: one atomic step, so concurrent adds by one holder all count.
   */
  holdMore(
    listingId: string,
    holderId: string,
    quantity: number,
    expiresAt: Date,
    now: Date,
  ): Promise<ReservationResult>;
  /** The holder's live reservation, or null (absent or expired at `now`). */
  reservation(listingId: string, holderId: string, now: Date): Promise<Reservation | null>;
  /** `reservation` of the holder on each listing, in order, read together (one round trip on Redis). */
  reservations(holderId: string, listingIds: string[], now: Date): Promise<(Reservation | null)[]>;
  /**
   * Releases the holder's reservation; returns it, or null when there was none (already released or expired-and-swept).
   */
  release(listingId: string, holderId: string, reason: ReleaseReason): Promise<ReleasedReservation | null>;
  /**
   * Sells the holder's reservations for order `orderId`, all or nothing: when every item has a
   * live reservation of at least its quantity at `now`, the reservations are consumed and stock
   * on hand goes down by each quantity. Once per order: a repeat answers ok and sells nothing
   * more; an order abandoned first is refused.
   */
  commit(orderId: string, holderId: string, items: CommitItem[], now: Date): Promise<CommitResult>;
  /**
   * Settles an order whose checkout may have died: `committed` when it was (or has since been
   * restocked); otherwise it is marked abandoned, so that a late commit of it is refused.
   */
  abandon(orderId: string): Promise<OrderStockState>;
  /**
   * Gives back the units order `orderId` took (a cancelled order), once: a repeat, or an order
   * that was abandoned, gives nothing ([]). An order the ledger has no record of (older than the
   * record, or from before it) gets `items` back. `holderId` is the buyer (`stock.released`).
   */
  restock(orderId: string, holderId: string, items: CommitItem[]): Promise<StockLevel[]>;
  /**
   * Releases up to `limit` reservations expired at `now`; each is returned by exactly one caller, even with several
   * sweepers racing.
   */
  releaseExpired(now: Date, limit: number): Promise<ReleasedReservation[]>;
}
export const StockLedger = Symbol.for('StockLedger');
