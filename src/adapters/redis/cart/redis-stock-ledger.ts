import type { Redis } from 'ioredis';
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
import type { OutboxSignal } from '../../../application/shared/outbox/outbox.js';
import type { Clock } from '../../../application/shared/ports/clock.js';
import type { IdGenerator } from '../../../application/shared/ports/id-generator.js';
import {
  abandonLua,
  commitLua,
  holdsLua,
  releaseExpiredLua,
  releaseLua,
  restockLua,
  setOnHandLua,
} from './redis-stock-ledger-scripts.js';
import {
  checkCommitItems,
  checkExpiry,
  checkHolderId,
  checkLimit,
  checkListingId,
  checkOrderId,
  checkQuantity,
} from '../../shared/cart/stock-ledger-input.js';
import { ORDER_RECORD_TTL_SECONDS } from '../../shared/cart/stock-ledger-layout.js';
import { outboxStreamKey, redisOutboxName } from '../shared/redis-outbox.js';
import { GroupedHolds } from './redis-stock-holds.js';
import { toCount, toLevel, unexpected } from './redis-stock-replies.js';

type Arg = string | number;
/** A script run with EVALSHA (loaded on demand): the number of keys, then keys and arguments. */
type Script = (numberOfKeys: number, ...keysAndArgs: Arg[]) => Promise<unknown>;

/** The commands `defineCommand` adds to the client. */
interface StockLedgerCommands {
  stockSetOnHand: Script;
  stockHolds: Script;
  stockRelease: Script;
  stockCommit: Script;
  stockAbandon: Script;
  stockRestock: Script;
  stockReleaseExpired: Script;
}

/** What the ledger needs to stamp the events its scripts write: ids and the time. */
export interface StockEventSource {
  ids: IdGenerator;
  clock: Clock;
  /** Wakes this process's outbox relay after a write. */
  signal?: OutboxSignal;
}

/**
 * StockLedger on Redis, one Lua script per changing operation, so racing calls (from any number
 * of connections or instances) are serialised by Redis. Holds are group-committed per listing
 * (GroupedHolds: the holds queued while one batch is in flight go as one script run); reads of
 * several listings are sent at once (one round trip). Layout, under `keyPrefix`:
 * - `stock:level:<listingId>`: hash {onHand, reserved}; exists once the listing is seeded.
 * - `stock:holds:<listingId>`: hash holderId -> "quantity:expiresAtMs" (gone when empty).
 * - `stock:deadlines`: sorted set of "listingId|holderId" scored by expiresAtMs; `hold` re-scores
 *   it, `release`/`commit` remove it, `releaseExpired` pops and releases in one script.
 * No key has a TTL: expiry is decided with the caller's `now`, and an expired hold keeps its units
 * until it is released or swept. Listing ids may not contain '|' (the deadline separator); holder
 * ids may contain anything. Derives keys inside the sweep script: one Redis, not a cluster; the
 * client must have no `keyPrefix` option (use `keyPrefix` here instead).
 * - `stock:order:<orderId>`: the order record (committed | abandoned | restocked), 30 days.
 * - `outbox`: the outbox stream every changing script appends its stock.* events to.
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

  private readonly outboxKey: string;
  private readonly holds: GroupedHolds;

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly events: StockEventSource,
  ) {
    const scripts: Record<keyof StockLedgerCommands, string> = {
      stockSetOnHand: setOnHandLua,
      stockHolds: holdsLua,
      stockRelease: releaseLua,
      stockCommit: commitLua,
      stockAbandon: abandonLua,
      stockRestock: restockLua,
      stockReleaseExpired: releaseExpiredLua,
    };
    for (const [name, lua] of Object.entries(scripts)) redis.defineCommand(name, { lua });
    this.commands = redis as Redis & StockLedgerCommands;
    this.deadlinesKey = `${keyPrefix}stock:deadlines`;
    this.outboxKey = outboxStreamKey(keyPrefix);
    this.holds = new GroupedHolds((listingId, args) => this.runHolds(listingId, args));
  }

  setOnHand(listingId: string, onHand: number): Promise<StockLevel> {
    return this.putOnHand('set', listingId, onHand);
  }

  seed(listingId: string, onHand: number): Promise<StockLevel> {
    return this.putOnHand('seed', listingId, onHand);
  }

  private async putOnHand(mode: 'set' | 'seed', listingId: string, onHand: number): Promise<StockLevel> {
    checkListingId(listingId);
    checkQuantity(onHand, 'onHand');
    const reply = await this.run('stockSetOnHand', [this.levelKey(listingId)], [onHand, listingId, mode]);
    return toLevel(listingId, reply);
  }

  async level(listingId: string): Promise<StockLevel | null> {
    checkListingId(listingId);
    const [onHand, reserved] = await this.redis.hmget(this.levelKey(listingId), 'onHand', 'reserved');
    return onHand == null ? null : toLevel(listingId, [onHand, reserved]);
  }

  async hold(
    listingId: string,
    holderId: string,
    quantity: number,
    expiresAt: Date,
    now: Date,
  ): Promise<ReservationResult> {
    checkQuantity(quantity, 'quantity');
    return this.holdWith('set', listingId, holderId, quantity, expiresAt, now);
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
    return this.holdWith('add', listingId, holderId, quantity, expiresAt, now);
  }

  private async holdWith(
    mode: 'set' | 'add',
    listingId: string,
    holderId: string,
    quantity: number,
    expiresAt: Date,
    now: Date,
  ): Promise<ReservationResult> {
    checkListingId(listingId);
    checkHolderId(holderId);
    checkExpiry(quantity, expiresAt, now);
    const [eventBase, occurredAt] = this.stamp();
    return this.holds.submit(listingId, { holderId, quantity, mode, expiresAt, now, eventBase, occurredAt });
  }

  async reservation(listingId: string, holderId: string, now: Date): Promise<Reservation | null> {
    checkListingId(listingId);
    checkHolderId(holderId);
    return toReservation(listingId, holderId, await this.redis.hget(this.holdsKey(listingId), holderId), now);
  }

  /**
   * Here and in `levels`: reads sent at once on one connection go out back to back, without
   * waiting for each other's reply, so they take one round trip. (An ioredis pipeline() object
   * would too, at about three times the CPU per call, measured with one listing.)
   */
  async reservations(holderId: string, listingIds: string[], now: Date): Promise<(Reservation | null)[]> {
    checkHolderId(holderId);
    listingIds.forEach(checkListingId);
    const held = await Promise.all(listingIds.map((id) => this.redis.hget(this.holdsKey(id), holderId)));
    return listingIds.map((id, index) => toReservation(id, holderId, held[index] ?? null, now));
  }

  async levels(listingIds: string[]): Promise<(StockLevel | null)[]> {
    listingIds.forEach(checkListingId);
    const levels = await Promise.all(listingIds.map((id) => this.redis.hmget(this.levelKey(id), 'onHand', 'reserved')));
    return listingIds.map((id, index) => {
      const level = levels[index] ?? [];
      return level[0] == null ? null : toLevel(id, level);
    });
  }

  async release(listingId: string, holderId: string, reason: ReleaseReason): Promise<ReleasedReservation | null> {
    checkListingId(listingId);
    checkHolderId(holderId);
    const keys = [this.levelKey(listingId), this.holdsKey(listingId), this.deadlinesKey];
    const reply = await this.run('stockRelease', keys, [
      holderId,
      deadlineMember(listingId, holderId),
      listingId,
      reason,
    ]);
    if (reply === null) return null;
    if (!Array.isArray(reply)) throw unexpected('release', reply);
    return toReleased([listingId, holderId, ...(reply as unknown[])]);
  }

  async commit(orderId: string, holderId: string, items: CommitItem[], now: Date): Promise<CommitResult> {
    checkOrderId(orderId);
    checkHolderId(holderId);
    checkCommitItems(items);
    const itemKeys = items.flatMap(({ listingId }) => [this.levelKey(listingId), this.holdsKey(listingId)]);
    const keys = [this.deadlinesKey, this.orderKey(orderId), ...itemKeys];
    const args = [holderId, now.getTime(), ORDER_RECORD_TTL_SECONDS, ...itemArgs(items)];
    const reply = await this.run('stockCommit', keys, args);
    const [outcome, details] = Array.isArray(reply) ? (reply as unknown[]) : [];
    if (outcome === 'abandoned') return { ok: false, reason: 'abandoned' };
    if (outcome === 'missing' && Array.isArray(details))
      return { ok: false, reason: 'missing', missing: details.map(String) };
    if (
      (outcome === 'committed' || outcome === 'repeat') &&
      Array.isArray(details) &&
      details.length === items.length
    ) {
      return { ok: true, levels: toLevels(items, details) };
    }
    throw unexpected('commit', reply);
  }

  async abandon(orderId: string): Promise<OrderStockState> {
    checkOrderId(orderId);
    const reply = await this.commands.stockAbandon(1, this.orderKey(orderId), ORDER_RECORD_TTL_SECONDS);
    if (reply === 'committed' || reply === 'abandoned') return reply;
    throw unexpected('abandon', reply);
  }

  async restock(orderId: string, holderId: string, items: CommitItem[]): Promise<StockLevel[]> {
    checkOrderId(orderId);
    checkHolderId(holderId);
    checkCommitItems(items);
    const keys = [this.orderKey(orderId), ...items.map(({ listingId }) => this.levelKey(listingId))];
    const args = [holderId, ORDER_RECORD_TTL_SECONDS, ...itemArgs(items)];
    const reply = await this.run('stockRestock', keys, args);
    const [outcome, details] = Array.isArray(reply) ? (reply as unknown[]) : [];
    if (outcome === 'none') return [];
    if (outcome === 'unknown_listing') throw unknownListing(details);
    if (outcome === 'restocked' && Array.isArray(details) && details.length === items.length)
      return toLevels(items, details);
    throw unexpected('restock', reply);
  }

  async releaseExpired(now: Date, limit: number): Promise<ReleasedReservation[]> {
    checkLimit(limit);
    if (limit === 0) return [];
    const args = [this.levelKey(''), this.holdsKey(''), now.getTime(), limit];
    const reply = await this.run('stockReleaseExpired', [this.deadlinesKey], args);
    if (!Array.isArray(reply)) throw unexpected('releaseExpired', reply);
    return (reply as unknown[]).map(toReleased);
  }

  /** Runs a changing script: the outbox stream is its last key, the event id base and time its last arguments. */
  private async run(command: keyof StockLedgerCommands, keys: string[], args: Arg[]): Promise<unknown> {
    const reply = await this.commands[command](keys.length + 1, ...keys, this.outboxKey, ...args, ...this.stamp());
    this.events.signal?.notify(redisOutboxName);
    return reply;
  }

  /** Runs a batch of holds on one listing (holdsLua), each with its own event stamp among `args`. */
  private async runHolds(listingId: string, args: Arg[]): Promise<unknown> {
    const keys = [this.levelKey(listingId), this.holdsKey(listingId), this.deadlinesKey, this.outboxKey];
    const reply = await this.commands.stockHolds(keys.length, ...keys, ...args);
    this.events.signal?.notify(redisOutboxName);
    return reply;
  }

  /** The id base and time of the events of one operation. */
  private stamp(): [string, string] {
    return [this.events.ids.next(), this.events.clock.now().toISOString()];
  }

  private orderKey(orderId: string): string {
    return `${this.keyPrefix}stock:order:${orderId}`;
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

/** The holder's live reservation from its stored "quantity:expiresAtMs", or null (absent or expired at `now`). */
function toReservation(listingId: string, holderId: string, held: string | null, now: Date): Reservation | null {
  if (held === null) return null;
  const [quantity, expiresAt] = held.split(':').map(Number);
  if (quantity === undefined || expiresAt === undefined) throw unexpected('reservation', held);
  return expiresAt <= now.getTime() ? null : { listingId, holderId, quantity, expiresAt: new Date(expiresAt) };
}

/** listingId and quantity of each item, in order (the scripts' item arguments). */
function itemArgs(items: CommitItem[]): Arg[] {
  return items.flatMap(({ listingId, quantity }) => [listingId, quantity]);
}

function unknownListing(listingId: unknown): Error {
  return new Error(`restock of listing ${JSON.stringify(listingId)}, which the stock ledger does not know`);
}

function toLevels(items: CommitItem[], replies: unknown[]): StockLevel[] {
  return items.map(({ listingId }, index) => toLevel(listingId, replies[index]));
}

/** {listingId, holderId, quantity, expiresAt, onHand, reserved} */
function toReleased(reply: unknown): ReleasedReservation {
  const [listingId, holderId, quantity, expiresAt, ...level] = Array.isArray(reply) ? (reply as unknown[]) : [];
  if (typeof listingId !== 'string' || typeof holderId !== 'string') throw unexpected('release', reply);
  return {
    listingId,
    holderId,
    quantity: toCount(quantity),
    expiresAt: new Date(toCount(expiresAt)),
    level: toLevel(listingId, level),
  };
}
