import type { Redis } from 'ioredis';
import type {
  CommitItem,
  CommitResult,
  ReleasedReservation,
  Reservation,
  ReservationResult,
  StockLedger,
  StockLevel,
} from '../../../application/cart/ports/stock-ledger.js';
import { commitLua, holdLua, releaseExpiredLua, releaseLua, restockLua, setOnHandLua } from './redis-stock-ledger-scripts.js';
import { checkListingId, checkHolderId, checkQuantity, checkExpiry, checkLimit, checkCommitItems } from '../../shared/cart/stock-ledger-input.js';

/** The commands `defineCommand` adds to the client (run with EVALSHA, loaded on demand). */
interface StockLedgerCommands {
  stockSetOnHand(levelKey: string, onHand: number): Promise<unknown>;
  stockHold(
    levelKey: string,
    holdsKey: string,
    deadlinesKey: string,
    holderId: string,
    quantity: number,
    expiresAt: number,
    member: string,
    mode: 'set' | 'add',
    now: number,
  ): Promise<unknown>;
  stockRelease(levelKey: string, holdsKey: string, deadlinesKey: string, holderId: string, member: string): Promise<unknown>;
  stockCommit(numberOfKeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
  stockRestock(levelKey: string, quantity: number): Promise<unknown>;
  stockReleaseExpired(deadlinesKey: string, levelKeyPrefix: string, holdsKeyPrefix: string, now: number, limit: number): Promise<unknown>;
}

/**
 * StockLedger on Redis, one Lua script per changing operation, so racing calls (from any number
 * of connections or instances) are serialised by Redis. Layout, under `keyPrefix`:
 * - `stock:level:<listingId>`: hash {onHand, reserved}; exists once the listing is seeded.
 * - `stock:holds:<listingId>`: hash holderId -> "quantity:expiresAtMs" (gone when empty).
 * - `stock:deadlines`: sorted set of "listingId|holderId" scored by expiresAtMs; `hold` re-scores
 *   it, `release`/`commit` remove it, `releaseExpired` pops and releases in one script.
 * No key has a TTL: expiry is decided with the caller's `now`, and an expired hold keeps its units
 * until it is released or swept. Listing ids may not contain '|' (the deadline separator); holder
 * ids may contain anything. Derives keys inside the sweep script: one Redis, not a cluster; the
 * client must have no `keyPrefix` option (use `keyPrefix` here instead).
 * Decisions (same as MemoryStockLedger): `onHand` may be set below `reserved` (reservations stay),
 * then `available` is 0, never negative, and a commit that would take `onHand` below zero fails
 * naming that listing; `hold` and `holdMore` on an expired, unswept hold act as if it had been
 * released first (`holdMore` starts from 0; the sweep no longer sees it); `commit` consumes each whole
 * reservation (units held beyond the committed quantity become available); the sweep takes the
 * earliest expiries first.
 */
export class RedisStockLedger implements StockLedger {
  private readonly commands: StockLedgerCommands;
  private readonly deadlinesKey: string;

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {
    redis.defineCommand('stockSetOnHand', { numberOfKeys: 1, lua: setOnHandLua });
    redis.defineCommand('stockHold', { numberOfKeys: 3, lua: holdLua });
    redis.defineCommand('stockRelease', { numberOfKeys: 3, lua: releaseLua });
    redis.defineCommand('stockCommit', { lua: commitLua });
    redis.defineCommand('stockRestock', { numberOfKeys: 1, lua: restockLua });
    redis.defineCommand('stockReleaseExpired', { numberOfKeys: 1, lua: releaseExpiredLua });
    this.commands = redis as Redis & StockLedgerCommands;
    this.deadlinesKey = `${keyPrefix}stock:deadlines`;
  }

  async setOnHand(listingId: string, onHand: number): Promise<StockLevel> {
    checkListingId(listingId);
    checkQuantity(onHand, 'onHand');
    return toLevel(listingId, await this.commands.stockSetOnHand(this.levelKey(listingId), onHand));
  }

  async level(listingId: string): Promise<StockLevel | null> {
    checkListingId(listingId);
    const [onHand, reserved] = await this.redis.hmget(this.levelKey(listingId), 'onHand', 'reserved');
    return onHand == null ? null : toLevel(listingId, [onHand, reserved]);
  }

  async hold(listingId: string, holderId: string, quantity: number, expiresAt: Date, now: Date): Promise<ReservationResult> {
    checkQuantity(quantity, 'quantity');
    return this.holdWith('set', listingId, holderId, quantity, expiresAt, now);
  }

  async holdMore(listingId: string, holderId: string, quantity: number, expiresAt: Date, now: Date): Promise<ReservationResult> {
    checkQuantity(quantity, 'quantity');
    if (quantity === 0) throw new RangeError('holdMore needs a positive quantity');
    return this.holdWith('add', listingId, holderId, quantity, expiresAt, now);
  }

  private async holdWith(mode: 'set' | 'add', listingId: string, holderId: string, quantity: number, expiresAt: Date, now: Date): Promise<ReservationResult> {
    checkListingId(listingId);
    checkHolderId(holderId);
    checkExpiry(quantity, expiresAt, now);
    const reply = await this.commands.stockHold(
      this.levelKey(listingId),
      this.holdsKey(listingId),
      this.deadlinesKey,
      holderId,
      quantity,
      expiresAt.getTime(),
      deadlineMember(listingId, holderId),
      mode,
      now.getTime(),
    );
    const [outcome, onHand, reserved, target] = Array.isArray(reply) ? (reply as unknown[]) : [];
    if (outcome === 'unknown_listing') return { ok: false, reason: outcome, level: null };
    if (outcome === 'insufficient_stock') return { ok: false, reason: outcome, level: toLevel(listingId, [onHand, reserved]) };
    if (outcome === 'held') {
      const held = toCount(target);
      const reservation = held === 0 ? null : { listingId, holderId, quantity: held, expiresAt: new Date(expiresAt) };
      return { ok: true, reservation, level: toLevel(listingId, [onHand, reserved]) };
    }
    throw unexpected('hold', reply);
  }

  async reservation(listingId: string, holderId: string, now: Date): Promise<Reservation | null> {
    checkListingId(listingId);
    checkHolderId(holderId);
    const held = await this.redis.hget(this.holdsKey(listingId), holderId);
    if (held === null) return null;
    const [quantity, expiresAt] = held.split(':').map(Number);
    if (quantity === undefined || expiresAt === undefined) throw unexpected('reservation', held);
    return expiresAt <= now.getTime() ? null : { listingId, holderId, quantity, expiresAt: new Date(expiresAt) };
  }

  async release(listingId: string, holderId: string): Promise<ReleasedReservation | null> {
    checkListingId(listingId);
    checkHolderId(holderId);
    const reply = await this.commands.stockRelease(
      this.levelKey(listingId),
      this.holdsKey(listingId),
      this.deadlinesKey,
      holderId,
      deadlineMember(listingId, holderId),
    );
    if (reply === null) return null;
    if (!Array.isArray(reply)) throw unexpected('release', reply);
    return toReleased([listingId, holderId, ...(reply as unknown[])]);
  }

  async commit(holderId: string, items: CommitItem[], now: Date): Promise<CommitResult> {
    checkHolderId(holderId);
    checkCommitItems(items);
    const keys = items.flatMap(({ listingId }) => [this.levelKey(listingId), this.holdsKey(listingId)]);
    const args = items.flatMap(({ listingId, quantity }) => [listingId, quantity]);
    const reply = await this.commands.stockCommit(1 + keys.length, this.deadlinesKey, ...keys, holderId, now.getTime(), ...args);
    const [outcome, details] = Array.isArray(reply) ? (reply as unknown[]) : [];
    if (outcome === 'missing' && Array.isArray(details)) return { ok: false, missing: details.map(String) };
    if (outcome === 'committed' && Array.isArray(details) && details.length === items.length) {
      return { ok: true, levels: items.map(({ listingId }, index) => toLevel(listingId, details[index])) };
    }
    throw unexpected('commit', reply);
  }

  async restock(listingId: string, quantity: number): Promise<StockLevel> {
    checkListingId(listingId);
    checkQuantity(quantity, 'quantity');
    const reply = await this.commands.stockRestock(this.levelKey(listingId), quantity);
    if (reply === null) throw new Error(`restock of listing ${JSON.stringify(listingId)}, which the stock ledger does not know`);
    return toLevel(listingId, reply);
  }

  async releaseExpired(now: Date, limit: number): Promise<ReleasedReservation[]> {
    checkLimit(limit);
    if (limit === 0) return [];
    const reply = await this.commands.stockReleaseExpired(this.deadlinesKey, this.levelKey(''), this.holdsKey(''), now.getTime(), limit);
    if (!Array.isArray(reply)) throw unexpected('releaseExpired', reply);
    return (reply as unknown[]).map(toReleased);
  }

  private levelKey(listingId: string): string {
    return `${this.keyPrefix}stock:level:${listingId}`;
  }

  private holdsKey(listingId: string): string {
    return `${this.keyPrefix}stock:holds:${listingId}`;
  }
}

function deadlineMember(listingId: string, holderId: string): string {
  return `${listingId}|${holderId}`;
}

/** A level from a script's {onHand, reserved} (strings or integers). */
function toLevel(listingId: string, reply: unknown): StockLevel {
  const [onHand, reserved] = (Array.isArray(reply) ? (reply as unknown[]) : []).map(toCount);
  if (onHand === undefined || reserved === undefined) throw unexpected('level', reply);
  return { listingId, onHand, reserved, available: Math.max(0, onHand - reserved) };
}

/** {listingId, holderId, quantity, expiresAt, onHand, reserved} */
function toReleased(reply: unknown): ReleasedReservation {
  const [listingId, holderId, quantity, expiresAt, ...level] = Array.isArray(reply) ? (reply as unknown[]) : [];
  if (typeof listingId !== 'string' || typeof holderId !== 'string') throw unexpected('release', reply);
  return { listingId, holderId, quantity: toCount(quantity), expiresAt: new Date(toCount(expiresAt)), level: toLevel(listingId, level) };
}

function toCount(value: unknown): number {
  const count = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isSafeInteger(count)) throw unexpected('count', value);
  return count;
}

function unexpected(what: string, reply: unknown): Error {
  return new Error(`unexpected reply from the stock ledger (${what}): ${JSON.stringify(reply)}`);
}
