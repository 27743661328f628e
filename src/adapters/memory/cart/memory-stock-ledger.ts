import type {
  CommitItem,
  CommitResult,
  OrderStockState,
  ReleasedReservation,
  ReleaseReason,
  Reservation,
  ReservationResult,
  StockLedger,
  StockLevel,
} from '../../../application/cart/ports/stock-ledger.js';
import type { StockEvents } from '../../../application/cart/stock-events.js';
import type { EventEnvelope } from '../../../application/shared/events/envelope.js';
import {
  checkCommitItems,
  checkExpiry,
  checkHolderId,
  checkLimit,
  checkListingId,
  checkOrderId,
  checkQuantity,
} from '../../shared/cart/stock-ledger-input.js';
import { stockOutboxKey } from '../../shared/cart/stock-ledger-layout.js';
import type { MemoryOutbox } from '../shared/memory-outbox.js';

interface Hold {
  quantity: number;
  expiresAt: number; // epoch ms
}

interface Stock {
  onHand: number;
  reserved: number;
  holds: Map<string, Hold>;
}

type OrderRecord = 'committed' | 'abandoned' | 'restocked';

/**
 * StockLedger in process memory. Its stock rules are written twice on purpose: here in TypeScript
 * and in the Lua scripts of RedisStockLedger (src/adapters/redis/cart/redis-stock-ledger-scripts.ts,
 * each script naming its twin method here). test/contract/cart/stock-ledger.contract.ts runs the
 * same cases on both ledgers and proves they agree: change a rule in both places and run it with
 * REDIS_URL set.
 *
 * Each method does its whole read-check-write before its first `await` (there is none), so
 * calls are atomic within the process, as the Lua scripts are on Redis. Answers are copies. Same decisions as
 * RedisStockLedger:
 * - `onHand` may be set below `reserved` (reservations stay): `available` is then 0, not
 *   negative, until holds go down or stock comes back; a commit that would take `onHand` below
 *   zero fails, naming that listing in `missing`.
 * - `hold` and `holdMore` on a reservation that expired but was not swept yet act as if it had
 *   been released first (`holdMore` then starts from 0, not from the expired quantity; the sweep
 *   no longer sees it); `release` releases it whatever its expiry.
 * - `commit` consumes each whole reservation; units held beyond the committed quantity return
 *   to `available`.
 * - `releaseExpired` takes the earliest expiries first.
 * Each change appends its stock.* events to the memory outbox in the same synchronous step.
 * Order records (committed, abandoned, restocked) live as long as the process (no TTL).
 */
export class MemoryStockLedger implements StockLedger {
  private readonly stocks = new Map<string, Stock>();
  private readonly orders = new Map<string, OrderRecord>();

  constructor(
    private readonly outbox: MemoryOutbox,
    private readonly events: StockEvents,
  ) {}

  async setOnHand(listingId: string, onHand: number): Promise<StockLevel> {
    checkListingId(listingId);
    checkQuantity(onHand, 'onHand');
    const stock = this.stocks.get(listingId);
    if (stock) stock.onHand = onHand;
    else this.stocks.set(listingId, { onHand, reserved: 0, holds: new Map() });
    const level = this.levelOf(listingId);
    this.emit(listingId, [this.events.updated(level)]);
    return level;
  }

  async seed(listingId: string, onHand: number): Promise<StockLevel> {
    checkListingId(listingId);
    checkQuantity(onHand, 'onHand');
    return this.stocks.has(listingId) ? this.levelOf(listingId) : this.setOnHand(listingId, onHand);
  }

  async level(listingId: string): Promise<StockLevel | null> {
    checkListingId(listingId);
    return this.stocks.has(listingId) ? this.levelOf(listingId) : null;
  }

  async levels(listingIds: string[]): Promise<(StockLevel | null)[]> {
    return Promise.all(listingIds.map((id) => this.level(id)));
  }

  async hold(
    listingId: string,
    holderId: string,
    quantity: number,
    expiresAt: Date,
    now: Date,
  ): Promise<ReservationResult> {
    checkQuantity(quantity, 'quantity');
    checkExpiry(quantity, expiresAt, now);
    return this.holdWith(listingId, holderId, () => quantity, expiresAt, now);
  }

  async holdMore(
    listingId: string,
    holderId: string,
    quantity: number,
    expiresAt: Date,
    now: Date,
  ): Promise<ReservationResult> {
    checkQuantity(quantity, 'quantity');
    if (quantity === 0) throw new RangeError('holdMore needs a positive quantity');
    checkExpiry(quantity, expiresAt, now);
    return this.holdWith(listingId, holderId, (live) => live + quantity, expiresAt, now);
  }

  /**
   * Sets the hold to `target(live quantity)`. The current hold, live or expired, gives its units
   * back first, so moving up needs `available >= target - current`.
   */
  private holdWith(
    listingId: string,
    holderId: string,
    target: (live: number) => number,
    expiresAt: Date,
    now: Date,
  ): ReservationResult {
    checkListingId(listingId);
    checkHolderId(holderId);
    const stock = this.stocks.get(listingId);
    if (!stock) return { ok: false, reason: 'unknown_listing', level: null };
    const hold = stock.holds.get(holderId);
    const current = hold?.quantity ?? 0;
    const quantity = target(hold && hold.expiresAt > now.getTime() ? hold.quantity : 0);
    if (quantity > current && available(stock) < quantity - current) {
      return { ok: false, reason: 'insufficient_stock', level: this.levelOf(listingId) };
    }
    stock.reserved += quantity - current;
    if (quantity === 0) stock.holds.delete(holderId);
    else stock.holds.set(holderId, { quantity, expiresAt: expiresAt.getTime() });
    const level = this.levelOf(listingId);
    this.emit(listingId, this.events.holdChanged(level, holderId, current, quantity, expiresAt));
    const reservation = quantity === 0 ? null : { listingId, holderId, quantity, expiresAt: new Date(expiresAt) };
    return { ok: true, reservation, level };
  }

  async reservation(listingId: string, holderId: string, now: Date): Promise<Reservation | null> {
    checkListingId(listingId);
    checkHolderId(holderId);
    const hold = this.stocks.get(listingId)?.holds.get(holderId);
    if (!hold || hold.expiresAt <= now.getTime()) return null;
    return { listingId, holderId, quantity: hold.quantity, expiresAt: new Date(hold.expiresAt) };
  }

  async reservations(holderId: string, listingIds: string[], now: Date): Promise<(Reservation | null)[]> {
    return Promise.all(listingIds.map((id) => this.reservation(id, holderId, now)));
  }

  async release(listingId: string, holderId: string, reason: ReleaseReason): Promise<ReleasedReservation | null> {
    checkListingId(listingId);
    checkHolderId(holderId);
    return this.releaseHold(listingId, holderId, reason);
  }

  async commit(orderId: string, holderId: string, items: CommitItem[], now: Date): Promise<CommitResult> {
    checkOrderId(orderId);
    checkHolderId(holderId);
    checkCommitItems(items);
    const record = this.orders.get(orderId);
    if (record === 'abandoned') return { ok: false, reason: 'abandoned' };
    if (record) return { ok: true, levels: items.map(({ listingId }) => this.levelOf(listingId)) };
    const missing = items
      .filter(({ listingId, quantity }) => {
        const stock = this.stocks.get(listingId);
        const hold = stock?.holds.get(holderId);
        return (
          !stock || !hold || hold.expiresAt <= now.getTime() || hold.quantity < quantity || stock.onHand < quantity
        );
      })
      .map((item) => item.listingId);
    if (missing.length > 0) return { ok: false, reason: 'missing', missing };
    const levels = items.map(({ listingId, quantity }) => {
      const stock = this.stocks.get(listingId) as Stock;
      stock.reserved -= (stock.holds.get(holderId) as Hold).quantity;
      stock.onHand -= quantity;
      stock.holds.delete(holderId);
      const level = this.levelOf(listingId);
      this.emit(listingId, [this.events.updated(level)]);
      return level;
    });
    this.orders.set(orderId, 'committed');
    return { ok: true, levels };
  }

  async abandon(orderId: string): Promise<OrderStockState> {
    checkOrderId(orderId);
    const record = this.orders.get(orderId);
    if (record === 'committed' || record === 'restocked') return 'committed';
    this.orders.set(orderId, 'abandoned');
    return 'abandoned';
  }

  async restock(orderId: string, holderId: string, items: CommitItem[]): Promise<StockLevel[]> {
    checkOrderId(orderId);
    checkHolderId(holderId);
    checkCommitItems(items);
    const record = this.orders.get(orderId);
    if (record === 'restocked' || record === 'abandoned') return [];
    const unknown = items.find(({ listingId }) => !this.stocks.has(listingId));
    if (unknown)
      throw new Error(`restock of listing ${JSON.stringify(unknown.listingId)}, which the stock ledger does not know`);
    const levels = items.map(({ listingId, quantity }) => {
      (this.stocks.get(listingId) as Stock).onHand += quantity;
      const level = this.levelOf(listingId);
      this.emit(listingId, [
        this.events.released(level, holderId, quantity, 'order_cancelled'),
        this.events.updated(level),
      ]);
      return level;
    });
    this.orders.set(orderId, 'restocked');
    return levels;
  }

  async releaseExpired(now: Date, limit: number): Promise<ReleasedReservation[]> {
    checkLimit(limit);
    const expired: { listingId: string; holderId: string; expiresAt: number }[] = [];
    for (const [listingId, stock] of this.stocks) {
      for (const [holderId, hold] of stock.holds) {
        if (hold.expiresAt <= now.getTime()) expired.push({ listingId, holderId, expiresAt: hold.expiresAt });
      }
    }
    expired.sort(
      (a, b) => a.expiresAt - b.expiresAt || compare(a.listingId, b.listingId) || compare(a.holderId, b.holderId),
    );
    const due = expired.slice(0, limit);
    return due.map(
      ({ listingId, holderId }) => this.releaseHold(listingId, holderId, 'expired') as ReleasedReservation,
    );
  }

  private releaseHold(listingId: string, holderId: string, reason: ReleaseReason): ReleasedReservation | null {
    const stock = this.stocks.get(listingId);
    const hold = stock?.holds.get(holderId);
    if (!stock || !hold) return null;
    stock.holds.delete(holderId);
    stock.reserved -= hold.quantity;
    const level = this.levelOf(listingId);
    this.emit(listingId, [this.events.released(level, holderId, hold.quantity, reason)]);
    return { listingId, holderId, quantity: hold.quantity, expiresAt: new Date(hold.expiresAt), level };
  }

  /** Same synchronous step as the change: the change and its events are stored together. */
  private emit(listingId: string, events: EventEnvelope[]): void {
    this.outbox.append(stockOutboxKey(listingId), events);
  }

  private levelOf(listingId: string): StockLevel {
    const stock = this.stocks.get(listingId) as Stock;
    return { listingId, onHand: stock.onHand, reserved: stock.reserved, available: available(stock) };
  }
}

function available(stock: Stock): number {
  return Math.max(0, stock.onHand - stock.reserved);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
