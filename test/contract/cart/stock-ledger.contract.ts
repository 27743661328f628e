import { randomUUID } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import type { Reservation, StockLedger, StockLevel } from '../../../src/application/cart/ports/stock-ledger.js';
import { parseEnvelope, type EventEnvelope } from '../../../src/application/shared/events/envelope.js';

/*
 * The stock rules exist twice, in Lua (src/adapters/redis/cart/redis-stock-ledger-scripts.ts) and
 * in TypeScript (src/adapters/memory/cart/memory-stock-ledger.ts): this suite runs on both ledgers
 * and is what proves they agree. A rule changed in one is changed in the other, with a case here.
 *
 * Times are taken near the real time, so that a ledger that also sets TTLs from `expiresAt`
 * would behave the same. `at(m)` is m minutes after the suite started.
 */
const start = Date.now();
const at = (minutesLater: number): Date => new Date(start + minutesLater * 60_000);

/**
 * A ledger on empty data, a second handle on the same data (another connection on Redis), and
 * the events they stored in their outbox so far, oldest first.
 */
export interface StockLedgers {
  ledger: StockLedger;
  other: StockLedger;
  stored(): Promise<EventEnvelope[]>;
}

const listing = (): string => `listing-${randomUUID()}`;
const holder = (): string => `cart-${randomUUID()}`;
const order = (): string => `order-${randomUUID()}`;

/**
 * The accounting invariant, checked on every level the tests see: counts are integers, never
 * negative, and `available + reserved = onHand`. The one documented exception is a listing whose
 * stock on hand was set below what is reserved (`oversubscribed`): reservations stay, `available`
 * is 0 (never negative), so `available + reserved = reserved > onHand`.
 */
function expectConsistent(
  level: StockLevel | null | undefined,
  options: { oversubscribed?: boolean } = {},
): StockLevel {
  expect(level).toBeTruthy();
  const { onHand, reserved, available } = level as StockLevel;
  for (const count of [onHand, reserved, available]) {
    expect(Number.isInteger(count) && count >= 0, `counts are non-negative integers: ${JSON.stringify(level)}`).toBe(
      true,
    );
  }
  expect(available, `available = max(0, onHand - reserved): ${JSON.stringify(level)}`).toBe(
    Math.max(0, onHand - reserved),
  );
  if (options.oversubscribed) expect(reserved).toBeGreaterThan(onHand);
  else expect(available + reserved, `available + reserved = onHand: ${JSON.stringify(level)}`).toBe(onHand);
  return level as StockLevel;
}

/** The behaviour every StockLedger must have; `makeLedgers` gives ledgers on empty data. */
export function stockLedgerContract(makeLedgers: () => StockLedgers | Promise<StockLedgers>): void {
  let ledger: StockLedger;
  let other: StockLedger;
  let stored: () => Promise<EventEnvelope[]>;
  beforeEach(async () => {
    ({ ledger, other, stored } = await makeLedgers());
  });

  /** The stored events about one listing, as valid envelopes, without their ids and times. */
  async function eventsOf(listingId: string): Promise<{ topic: string; payload: unknown }[]> {
    const events = (await stored()).map((event) => parseEnvelope(JSON.parse(JSON.stringify(event))));
    return events
      .filter((event) => event.payload && (event.payload as { listingId?: string }).listingId === listingId)
      .map(({ topic, payload }) => ({ topic, payload }));
  }

  /** The level as stored, checked against the invariant and the expected counts. */
  async function expectLevel(
    listingId: string,
    expected: { onHand: number; reserved: number; available: number },
    oversubscribed = false,
  ) {
    const level = await ledger.level(listingId);
    expectConsistent(level, { oversubscribed });
    expect(level).toEqual({ listingId, ...expected });
  }

  async function seeded(onHand: number): Promise<string> {
    const listingId = listing();
    expectConsistent(await ledger.setOnHand(listingId, onHand));
    return listingId;
  }

  async function held(
    listingId: string,
    holderId: string,
    quantity: number,
    expiresAt = at(15),
    now = at(0),
  ): Promise<void> {
    const result = await ledger.hold(listingId, holderId, quantity, expiresAt, now);
    expect(result.ok, `hold ${quantity} of ${listingId}`).toBe(true);
    expectConsistent(result.level);
  }

  // setOnHand and level

  it('level of a listing never seeded is null; setOnHand seeds it with everything available', async () => {
    const listingId = listing();
    expect(await ledger.level(listingId)).toBeNull();
    expect(await ledger.setOnHand(listingId, 7)).toEqual({ listingId, onHand: 7, reserved: 0, available: 7 });
    await expectLevel(listingId, { onHand: 7, reserved: 0, available: 7 });
  });

  it('setOnHand to 0 keeps the listing known, with nothing available', async () => {
    const listingId = await seeded(0);
    await expectLevel(listingId, { onHand: 0, reserved: 0, available: 0 });
    expect(await ledger.hold(listingId, holder(), 1, at(15), at(0))).toMatchObject({
      ok: false,
      reason: 'insufficient_stock',
    });
  });

  it('setOnHand keeps reservations: available follows the new stock on hand', async () => {
    const listingId = await seeded(10);
    const cart = holder();
    await held(listingId, cart, 4);
    expectConsistent(await ledger.setOnHand(listingId, 6));
    await expectLevel(listingId, { onHand: 6, reserved: 4, available: 2 });
    expectConsistent(await ledger.setOnHand(listingId, 20));
    await expectLevel(listingId, { onHand: 20, reserved: 4, available: 16 });
    expect(await ledger.reservation(listingId, cart, at(1))).toMatchObject({ quantity: 4 });
  });

  it('setOnHand below what is reserved keeps the reservations and available at 0, never negative', async () => {
    // Chosen behaviour: the ledger records the real stock on hand and breaks no cart; nothing more
    // can be held until holds go down or stock comes back, and commits stop at onHand 0.
    const listingId = await seeded(10);
    const [first, second] = [holder(), holder()];
    await held(listingId, first, 4);
    await held(listingId, second, 4);
    const level = await ledger.setOnHand(listingId, 5);
    expectConsistent(level, { oversubscribed: true });
    expect(level).toEqual({ listingId, onHand: 5, reserved: 8, available: 0 });
    expect(await ledger.hold(listingId, holder(), 1, at(15), at(0))).toEqual({
      ok: false,
      reason: 'insufficient_stock',
      level: { listingId, onHand: 5, reserved: 8, available: 0 },
    });
    // Renewing a hold at the same quantity needs nothing more, so it still succeeds.
    expect(await ledger.hold(listingId, first, 4, at(20), at(1))).toMatchObject({
      ok: true,
      reservation: { quantity: 4 },
    });

    expect(await ledger.commit(order(), first, [{ listingId, quantity: 4 }], at(2))).toMatchObject({ ok: true });
    await expectLevel(listingId, { onHand: 1, reserved: 4, available: 0 }, true);
    // The second cart's units are no longer on hand: its commit fails and changes nothing.
    expect(await ledger.commit(order(), second, [{ listingId, quantity: 4 }], at(2))).toEqual({
      ok: false,
      reason: 'missing',
      missing: [listingId],
    });
    await expectLevel(listingId, { onHand: 1, reserved: 4, available: 0 }, true);
    expect(await ledger.hold(listingId, second, 1, at(20), at(2))).toMatchObject({ ok: true });
    await expectLevel(listingId, { onHand: 1, reserved: 1, available: 0 });
    expect(await ledger.commit(order(), second, [{ listingId, quantity: 1 }], at(3))).toMatchObject({ ok: true });
    await expectLevel(listingId, { onHand: 0, reserved: 0, available: 0 });
  });

  // seed

  it('seed sets stock on hand of a listing the ledger does not know, like setOnHand, event included', async () => {
    const listingId = listing();
    expect(await ledger.seed(listingId, 7)).toEqual({ listingId, onHand: 7, reserved: 0, available: 7 });
    await expectLevel(listingId, { onHand: 7, reserved: 0, available: 7 });
    expect(await eventsOf(listingId)).toEqual([
      { topic: 'stock.updated', payload: { listingId, available: 7, quantityOnHand: 7 } },
    ]);
  });

  it('seed leaves a known listing as it is (sales, holds, edits) and stores nothing', async () => {
    const listingId = await seeded(10);
    const cart = holder();
    await held(listingId, cart, 3);
    expect(await ledger.commit(order(), cart, [{ listingId, quantity: 3 }], at(1))).toMatchObject({ ok: true });
    const before = (await eventsOf(listingId)).length;
    expect(await ledger.seed(listingId, 10)).toEqual({ listingId, onHand: 7, reserved: 0, available: 7 });
    expect(await other.seed(listingId, 0)).toEqual({ listingId, onHand: 7, reserved: 0, available: 7 });
    await expectLevel(listingId, { onHand: 7, reserved: 0, available: 7 });
    expect(await eventsOf(listingId)).toHaveLength(before);
  });

  it('seeds racing with each other and with holds: one seed wins, every answer and hold counts on it', async () => {
    const listingId = listing();
    const seeds = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? ledger : other).seed(listingId, 5 + i));
    const answers = await Promise.all(seeds);
    const onHand = answers[0]!.onHand;
    for (const answer of answers) expect(answer).toEqual({ listingId, onHand, reserved: 0, available: onHand });
    const holds = await Promise.all(
      Array.from({ length: 40 }, () => ledger.hold(listingId, holder(), 1, at(15), at(0))),
    );
    expect(holds.filter((result) => result.ok)).toHaveLength(onHand);
    await Promise.all(seeds.map(() => ledger.seed(listingId, 100)));
    await expectLevel(listingId, { onHand, reserved: onHand, available: 0 });
    expect((await eventsOf(listingId)).filter((e) => e.topic === 'stock.updated')).toHaveLength(1);
  });

  it('seed refuses what setOnHand refuses', async () => {
    await expect(ledger.seed('a|b', 1)).rejects.toThrow(RangeError);
    await expect(ledger.seed(listing(), -1)).rejects.toThrow(RangeError);
    await expect(ledger.seed(listing(), 1.5)).rejects.toThrow(RangeError);
  });

  // hold

  it('hold on a listing never seeded is unknown_listing and creates nothing', async () => {
    const listingId = listing();
    expect(await ledger.hold(listingId, holder(), 1, at(15), at(0))).toEqual({
      ok: false,
      reason: 'unknown_listing',
      level: null,
    });
    expect(await ledger.hold(listingId, holder(), 0, at(15), at(0))).toEqual({
      ok: false,
      reason: 'unknown_listing',
      level: null,
    });
    expect(await ledger.level(listingId)).toBeNull();
  });

  it('hold reserves units and answers the reservation and the level', async () => {
    const listingId = await seeded(10);
    const cart = holder();
    const result = await ledger.hold(listingId, cart, 3, at(15), at(0));
    expect(result).toEqual({
      ok: true,
      reservation: { listingId, holderId: cart, quantity: 3, expiresAt: at(15) },
      level: { listingId, onHand: 10, reserved: 3, available: 7 },
    });
    expect(result.ok && result.reservation?.expiresAt).toBeInstanceOf(Date);
    expect(await ledger.reservation(listingId, cart, at(1))).toEqual({
      listingId,
      holderId: cart,
      quantity: 3,
      expiresAt: at(15),
    });
    await expectLevel(listingId, { onHand: 10, reserved: 3, available: 7 });
  });

  it('hold sets the quantity exactly: up takes only the difference, down gives units back, both renew the expiry', async () => {
    const listingId = await seeded(10);
    const cart = holder();
    await held(listingId, cart, 3);
    await held(listingId, holder(), 5);
    // 2 available: going from 3 to 5 needs 2, going to 6 would need 3.
    expect(await ledger.hold(listingId, cart, 6, at(20), at(1))).toMatchObject({
      ok: false,
      reason: 'insufficient_stock',
    });
    expect(await ledger.hold(listingId, cart, 5, at(20), at(1))).toMatchObject({
      ok: true,
      reservation: { quantity: 5, expiresAt: at(20) },
    });
    await expectLevel(listingId, { onHand: 10, reserved: 10, available: 0 });
    expect(await ledger.hold(listingId, cart, 1, at(25), at(2))).toMatchObject({
      ok: true,
      reservation: { quantity: 1, expiresAt: at(25) },
    });
    await expectLevel(listingId, { onHand: 10, reserved: 6, available: 4 });
    expect(await ledger.reservation(listingId, cart, at(22))).toMatchObject({ quantity: 1, expiresAt: at(25) });
  });

  it('hold of 0 releases the reservation and answers reservation null', async () => {
    const listingId = await seeded(10);
    const cart = holder();
    await held(listingId, cart, 4);
    expect(await ledger.hold(listingId, cart, 0, at(15), at(1))).toEqual({
      ok: true,
      reservation: null,
      level: { listingId, onHand: 10, reserved: 0, available: 10 },
    });
    expect(await ledger.reservation(listingId, cart, at(1))).toBeNull();
    expect(await ledger.release(listingId, cart, 'removed')).toBeNull();
    expect(await ledger.releaseExpired(at(60), 100)).toEqual([]);
    // Holding 0 without a reservation is a no-op that succeeds.
    expect(await ledger.hold(listingId, holder(), 0, at(15), at(1))).toMatchObject({ ok: true, reservation: null });
    await expectLevel(listingId, { onHand: 10, reserved: 0, available: 10 });
  });

  it('insufficient stock answers the level and leaves the current reservation as it was', async () => {
    const listingId = await seeded(5);
    const cart = holder();
    await held(listingId, cart, 2, at(15));
    expect(await ledger.hold(listingId, cart, 8, at(30), at(1))).toEqual({
      ok: false,
      reason: 'insufficient_stock',
      level: { listingId, onHand: 5, reserved: 2, available: 3 },
    });
    expect(await ledger.reservation(listingId, cart, at(1))).toEqual({
      listingId,
      holderId: cart,
      quantity: 2,
      expiresAt: at(15),
    });
    expect(await ledger.hold(listingId, holder(), 6, at(30), at(1))).toMatchObject({
      ok: false,
      reason: 'insufficient_stock',
    });
    await expectLevel(listingId, { onHand: 5, reserved: 2, available: 3 });
  });

  // holdMore

  it('holdMore on a listing never seeded is unknown_listing; holdMore of 0 is refused', async () => {
    expect(await ledger.holdMore(listing(), holder(), 1, at(15), at(0))).toEqual({
      ok: false,
      reason: 'unknown_listing',
      level: null,
    });
    const listingId = await seeded(5);
    await expect(ledger.holdMore(listingId, holder(), 0, at(15), at(0))).rejects.toThrow(RangeError);
  });

  it('holdMore adds to a live reservation (or starts one) with the new expiry, if available covers the addition', async () => {
    const listingId = await seeded(10);
    const cart = holder();
    expect(await ledger.holdMore(listingId, cart, 2, at(15), at(0))).toEqual({
      ok: true,
      reservation: { listingId, holderId: cart, quantity: 2, expiresAt: at(15) },
      level: { listingId, onHand: 10, reserved: 2, available: 8 },
    });
    expect(await ledger.holdMore(listingId, cart, 3, at(20), at(1))).toEqual({
      ok: true,
      reservation: { listingId, holderId: cart, quantity: 5, expiresAt: at(20) },
      level: { listingId, onHand: 10, reserved: 5, available: 5 },
    });
    expect(await ledger.holdMore(listingId, cart, 6, at(25), at(2))).toEqual({
      ok: false,
      reason: 'insufficient_stock',
      level: { listingId, onHand: 10, reserved: 5, available: 5 },
    });
    expect(await ledger.reservation(listingId, cart, at(2))).toEqual({
      listingId,
      holderId: cart,
      quantity: 5,
      expiresAt: at(20),
    });
    expect(await ledger.holdMore(listingId, cart, 5, at(25), at(2))).toMatchObject({
      ok: true,
      reservation: { quantity: 10 },
    });
    await expectLevel(listingId, { onHand: 10, reserved: 10, available: 0 });
    // Re-scored: the sweep goes by the last expiry.
    expect(await ledger.releaseExpired(at(22), 100)).toEqual([]);
    expect(await ledger.releaseExpired(at(25), 100)).toMatchObject([
      { holderId: cart, quantity: 10, expiresAt: at(25) },
    ]);
  });

  it('holdMore on an expired, unswept reservation starts from 0: the expired units are released, not added to', async () => {
    const listingId = await seeded(5);
    const cart = holder();
    await held(listingId, cart, 3, at(10));
    await held(listingId, holder(), 2, at(60));
    // Nothing is available, but the expired 3 units go back first, so 1 can be held.
    expect(await ledger.holdMore(listingId, cart, 1, at(30), at(20))).toEqual({
      ok: true,
      reservation: { listingId, holderId: cart, quantity: 1, expiresAt: at(30) },
      level: { listingId, onHand: 5, reserved: 3, available: 2 },
    });
    expect(await ledger.releaseExpired(at(25), 100)).toEqual([]);
    // A refused holdMore leaves the expired reservation to the sweep.
    await held(listingId, cart, 3, at(40), at(20));
    expect(await ledger.holdMore(listingId, cart, 4, at(60), at(45))).toMatchObject({
      ok: false,
      reason: 'insufficient_stock',
    });
    await expectLevel(listingId, { onHand: 5, reserved: 5, available: 0 });
    expect(await ledger.releaseExpired(at(45), 100)).toMatchObject([
      { holderId: cart, quantity: 3, expiresAt: at(40) },
    ]);
  });

  it('holders and listings are kept apart', async () => {
    const [shoes, hats] = [await seeded(5), await seeded(5)];
    const [ann, bob] = [holder(), holder()];
    await held(shoes, ann, 2);
    await held(hats, ann, 3);
    await held(shoes, bob, 1);
    expect(await ledger.reservation(shoes, ann, at(1))).toMatchObject({ quantity: 2 });
    expect(await ledger.reservation(hats, ann, at(1))).toMatchObject({ quantity: 3 });
    expect(await ledger.reservation(shoes, bob, at(1))).toMatchObject({ quantity: 1 });
    expect(await ledger.reservation(hats, bob, at(1))).toBeNull();
    await expectLevel(shoes, { onHand: 5, reserved: 3, available: 2 });
    await expectLevel(hats, { onHand: 5, reserved: 3, available: 2 });
  });

  it("listing and holder ids may hold any character but '|' in a listing id, which is refused", async () => {
    const listingId = `weird:id holds:x {é} ${randomUUID()}`;
    const cart = `cart|with:pipes ${randomUUID()}`;
    expectConsistent(await ledger.setOnHand(listingId, 3));
    await held(listingId, cart, 2, at(1));
    expect(await ledger.reservation(listingId, cart, at(0))).toMatchObject({ listingId, holderId: cart, quantity: 2 });
    const swept = await ledger.releaseExpired(at(2), 100);
    expect(swept).toEqual([
      {
        listingId,
        holderId: cart,
        quantity: 2,
        expiresAt: at(1),
        level: { listingId, onHand: 3, reserved: 0, available: 3 },
      },
    ]);
    await expect(ledger.setOnHand('a|b', 1)).rejects.toThrow(RangeError);
    await expect(ledger.hold('a|b', cart, 1, at(1), at(0))).rejects.toThrow(RangeError);
  });

  it('refuses invalid arguments', async () => {
    const listingId = await seeded(5);
    await expect(ledger.setOnHand(listingId, -1)).rejects.toThrow(RangeError);
    await expect(ledger.setOnHand(listingId, 1.5)).rejects.toThrow(RangeError);
    await expect(ledger.hold(listingId, holder(), -1, at(15), at(0))).rejects.toThrow(RangeError);
    await expect(ledger.hold(listingId, holder(), 1, at(0), at(0))).rejects.toThrow(RangeError);
    await expect(ledger.hold(listingId, '', 1, at(15), at(0))).rejects.toThrow(RangeError);
    await expect(ledger.commit(order(), holder(), [{ listingId, quantity: 0 }], at(0))).rejects.toThrow(RangeError);
    await expect(
      ledger.commit(
        order(),
        holder(),
        [
          { listingId, quantity: 1 },
          { listingId, quantity: 1 },
        ],
        at(0),
      ),
    ).rejects.toThrow(RangeError);
    await expect(ledger.releaseExpired(at(0), -1)).rejects.toThrow(RangeError);
    await expectLevel(listingId, { onHand: 5, reserved: 0, available: 5 });
  });

  // concurrency of holds

  it('500 concurrent holds of 1 unit by distinct holders on a stock of 10: exactly 10 succeed, every time (20 rounds)', async () => {
    for (let round = 0; round < 20; round += 1) {
      const listingId = await seeded(10);
      const holders = Array.from({ length: 500 }, () => holder());
      const results = await Promise.all(
        holders.map((cart, index) => (index % 2 === 0 ? ledger : other).hold(listingId, cart, 1, at(15), at(0))),
      );
      results.forEach((result) => expectConsistent(result.level));
      const winners = holders.filter((_, index) => results[index]?.ok);
      expect(winners, `round ${round}`).toHaveLength(10);
      expect(results.filter((result) => !result.ok && result.reason === 'insufficient_stock')).toHaveLength(490);
      await expectLevel(listingId, { onHand: 10, reserved: 10, available: 0 });
      const reservations = await Promise.all(holders.map((cart) => ledger.reservation(listingId, cart, at(1))));
      expect(
        reservations.filter((reservation) => reservation !== null).map((reservation) => reservation?.holderId),
      ).toEqual(winners);
    }
  });

  it('the same with one holder raising its own hold (hold 1, 2, ... 50) concurrently: never oversold, every unit accounted for (20 rounds)', async () => {
    for (let round = 0; round < 20; round += 1) {
      const listingId = await seeded(10);
      const greedy = holder();
      const holders = Array.from({ length: 500 }, () => holder());
      const calls: Promise<{ cart: string; quantity: number; ok: boolean }>[] = [];
      holders.forEach((cart, index) => {
        const handle = index % 2 === 0 ? ledger : other;
        calls.push(
          handle.hold(listingId, cart, 1, at(15), at(0)).then((result) => ({ cart, quantity: 1, ok: result.ok })),
        );
        // Every 10th call the greedy cart grows its hold by one unit: 1, 2, ... 50.
        if (index % 10 === 0) {
          const quantity = index / 10 + 1;
          calls.push(
            ledger.hold(listingId, greedy, quantity, at(15), at(0)).then((result) => {
              expectConsistent(result.level);
              return { cart: greedy, quantity, ok: result.ok };
            }),
          );
        }
      });
      const results = await Promise.all(calls);
      const level = expectConsistent(await ledger.level(listingId));
      const others = results.filter((result) => result.cart !== greedy && result.ok).length;
      const greedyHold = await ledger.reservation(listingId, greedy, at(1));
      const greedyWins = results
        .filter((result) => result.cart === greedy && result.ok)
        .map((result) => result.quantity);
      if (greedyHold) expect(greedyWins).toContain(greedyHold.quantity);
      else expect(greedyWins).toEqual([]);
      expect(level.onHand, `round ${round}`).toBe(10);
      expect(others + (greedyHold?.quantity ?? 0), `round ${round}: reserved units = units held by carts`).toBe(
        level.reserved,
      );
      expect(level.reserved).toBeLessThanOrEqual(10);
    }
  });

  it('500 concurrent holds of 1 unit with one holder concurrently adding to its own hold (holdMore): exactly 10 units go, every time (20 rounds)', async () => {
    for (let round = 0; round < 20; round += 1) {
      const listingId = await seeded(10);
      const greedy = holder();
      const holders = Array.from({ length: 500 }, () => holder());
      const calls: Promise<{ cart: string; ok: boolean }>[] = [];
      holders.forEach((cart, index) => {
        const handle = index % 2 === 0 ? ledger : other;
        calls.push(handle.hold(listingId, cart, 1, at(15), at(0)).then((result) => ({ cart, ok: result.ok })));
        if (index % 10 === 0) {
          // 50 adds of one unit by the same cart, from both handles.
          const adder = index % 20 === 0 ? other : ledger;
          calls.push(
            adder.holdMore(listingId, greedy, 1, at(15), at(0)).then((result) => {
              expectConsistent(result.level);
              return { cart: greedy, ok: result.ok };
            }),
          );
        }
      });
      const results = await Promise.all(calls);
      const greedyAdds = results.filter((result) => result.cart === greedy && result.ok).length;
      const others = results.filter((result) => result.cart !== greedy && result.ok).length;
      expect(others + greedyAdds, `round ${round}: successes`).toBe(10);
      expect(
        (await ledger.reservation(listingId, greedy, at(1)))?.quantity ?? 0,
        `round ${round}: every add counted`,
      ).toBe(greedyAdds);
      await expectLevel(listingId, { onHand: 10, reserved: 10, available: 0 });
    }
  });

  // expiry

  // Holds fired at once through one handle (a group commit on Redis): as if run one by one in call order

  it('200 holds of 1 to 3 units fired at once on 50 units: each answers as if they ran one by one in call order', async () => {
    const listingId = await seeded(50);
    const requests = Array.from({ length: 200 }, (_, index) => ({ cart: holder(), quantity: 1 + (index % 3) }));
    const results = await Promise.all(
      requests.map(({ cart, quantity }) => ledger.holdMore(listingId, cart, quantity, at(15), at(0))),
    );
    let available = 50;
    const expected = requests.map(({ quantity }) => {
      if (quantity > available) return { ok: false, reason: 'insufficient_stock', level: { available } };
      available -= quantity;
      return { ok: true, reservation: { quantity }, level: { available } };
    });
    expect(results).toMatchObject(expected);
    results.forEach((result) => expectConsistent(result.level));
    expect(results.filter((result) => result.ok).length).toBeGreaterThan(20);
    await expectLevel(listingId, { onHand: 50, reserved: 50 - available, available });
    const reserved = (await eventsOf(listingId)).filter((event) => event.topic === 'stock.reserved');
    const winners = requests.filter((_, index) => results[index]?.ok);
    expect(reserved.map(({ payload }) => payload)).toMatchObject(
      winners.map(({ cart, quantity }) => ({ listingId, holderId: cart, quantity })),
    );
    expect(new Set((await stored()).map((event) => event.id)).size).toBe((await stored()).length);
  });

  it('holds fired at once on several listings: a refusal in the middle leaves the holds before and after it standing', async () => {
    const [shoes, hats] = [await seeded(3), await seeded(1)];
    const [first, second, third] = [holder(), holder(), holder()];
    const results = await Promise.all([
      ledger.hold(shoes, first, 2, at(15), at(0)),
      ledger.hold(hats, first, 1, at(15), at(0)),
      ledger.hold(shoes, second, 2, at(15), at(0)),
      ledger.hold(hats, second, 1, at(15), at(0)),
      ledger.holdMore(listing(), third, 1, at(15), at(0)),
      ledger.hold(shoes, third, 1, at(15), at(0)),
      ledger.holdMore(shoes, first, 1, at(15), at(0)),
    ]);
    expect(results.map((result) => (result.ok ? result.reservation?.quantity : result.reason))).toEqual([
      2,
      1,
      'insufficient_stock',
      'insufficient_stock',
      'unknown_listing',
      1,
      'insufficient_stock',
    ]);
    expect(results[2]).toMatchObject({ level: { listingId: shoes, available: 1 } });
    expect(results[3]).toMatchObject({ level: { listingId: hats, available: 0 } });
    await expectLevel(shoes, { onHand: 3, reserved: 3, available: 0 });
    await expectLevel(hats, { onHand: 1, reserved: 1, available: 0 });
    expect(await ledger.reservations(second, [shoes, hats], at(1))).toEqual([null, null]);
  });

  it('levels and reservations read several listings at once, in order; null where there is none', async () => {
    const [shoes, hats, unknown] = [await seeded(5), await seeded(2), listing()];
    const cart = holder();
    await held(shoes, cart, 2);
    await held(hats, cart, 1, at(1));
    expect(await ledger.levels([hats, unknown, shoes])).toEqual([
      { listingId: hats, onHand: 2, reserved: 1, available: 1 },
      null,
      { listingId: shoes, onHand: 5, reserved: 2, available: 3 },
    ]);
    expect(await ledger.reservations(cart, [shoes, unknown, hats], at(0))).toEqual([
      { listingId: shoes, holderId: cart, quantity: 2, expiresAt: at(15) },
      null,
      { listingId: hats, holderId: cart, quantity: 1, expiresAt: at(1) },
    ]);
    expect(await ledger.reservations(cart, [hats, shoes], at(1))).toEqual([
      null,
      { listingId: shoes, holderId: cart, quantity: 2, expiresAt: at(15) },
    ]);
    expect(await ledger.levels([])).toEqual([]);
    expect(await ledger.reservations(cart, [], at(0))).toEqual([]);
    await expect(ledger.levels(['a|b'])).rejects.toThrow(RangeError);
    await expect(ledger.reservations('', [shoes], at(0))).rejects.toThrow(RangeError);
  });

  it('reservation is null once expired at now, from its expiry instant on; expired units stay reserved until released', async () => {
    const listingId = await seeded(5);
    const cart = holder();
    await held(listingId, cart, 2, at(10));
    expect(await ledger.reservation(listingId, cart, at(9))).toMatchObject({ quantity: 2 });
    expect(await ledger.reservation(listingId, cart, at(10))).toBeNull();
    expect(await ledger.reservation(listingId, cart, at(11))).toBeNull();
    await expectLevel(listingId, { onHand: 5, reserved: 2, available: 3 });
  });

  it('hold renews an expired reservation that was not swept yet, counting its units as current', async () => {
    const listingId = await seeded(5);
    const cart = holder();
    await held(listingId, cart, 2, at(10));
    await held(listingId, holder(), 3, at(30));
    expect(await ledger.hold(listingId, cart, 2, at(40), at(20))).toMatchObject({
      ok: true,
      reservation: { quantity: 2, expiresAt: at(40) },
    });
    await expectLevel(listingId, { onHand: 5, reserved: 5, available: 0 });
    // Re-scored: a sweep at 25 does not release it.
    expect(await ledger.releaseExpired(at(25), 100)).toEqual([]);
    expect(await ledger.reservation(listingId, cart, at(25))).toMatchObject({ quantity: 2 });
  });

  // release

  it('release returns the reservation and the level once, then null', async () => {
    const listingId = await seeded(5);
    const cart = holder();
    await held(listingId, cart, 2, at(15));
    expect(await ledger.release(listingId, cart, 'removed')).toEqual({
      listingId,
      holderId: cart,
      quantity: 2,
      expiresAt: at(15),
      level: { listingId, onHand: 5, reserved: 0, available: 5 },
    });
    expect(await ledger.release(listingId, cart, 'removed')).toBeNull();
    expect(await ledger.release(listing(), cart, 'removed')).toBeNull();
    expect(await ledger.releaseExpired(at(60), 100)).toEqual([]);
    await expectLevel(listingId, { onHand: 5, reserved: 0, available: 5 });
  });

  it('release of an expired reservation that was not swept releases it; the sweep then does not see it', async () => {
    const listingId = await seeded(5);
    const cart = holder();
    await held(listingId, cart, 2, at(10));
    expect(await ledger.release(listingId, cart, 'removed')).toMatchObject({ quantity: 2, level: { reserved: 0 } });
    expect(await ledger.releaseExpired(at(20), 100)).toEqual([]);
    await expectLevel(listingId, { onHand: 5, reserved: 0, available: 5 });
  });

  it('release after expiry and sweep is a no-op answering null', async () => {
    const listingId = await seeded(5);
    const cart = holder();
    await held(listingId, cart, 2, at(10));
    const swept = await ledger.releaseExpired(at(11), 100);
    expect(swept).toEqual([
      {
        listingId,
        holderId: cart,
        quantity: 2,
        expiresAt: at(10),
        level: { listingId, onHand: 5, reserved: 0, available: 5 },
      },
    ]);
    expectConsistent(swept[0]?.level);
    expect(await ledger.release(listingId, cart, 'removed')).toBeNull();
    expect(await other.release(listingId, cart, 'removed')).toBeNull();
    await expectLevel(listingId, { onHand: 5, reserved: 0, available: 5 });
  });

  it('a release racing a sweep: exactly one of them answers the reservation', async () => {
    const listingId = await seeded(100);
    const carts = Array.from({ length: 50 }, () => holder());
    for (const cart of carts) await held(listingId, cart, 1, at(10));
    const [releases, swept] = await Promise.all([
      Promise.all(carts.map((cart) => other.release(listingId, cart, 'removed'))),
      ledger.releaseExpired(at(11), 1000),
    ]);
    const released = releases.filter((reservation) => reservation !== null).map((reservation) => reservation?.holderId);
    const sweptCarts = swept.map((reservation) => reservation.holderId);
    expect([...released, ...sweptCarts].sort()).toEqual([...carts].sort());
    await expectLevel(listingId, { onHand: 100, reserved: 0, available: 100 });
  });

  // releaseExpired

  it('releaseExpired releases reservations expired at now (inclusive), earliest first, up to limit, and leaves live ones', async () => {
    const listingId = await seeded(10);
    const [early, middle, late, live] = [holder(), holder(), holder(), holder()];
    await held(listingId, middle, 2, at(6));
    await held(listingId, early, 1, at(5));
    await held(listingId, late, 3, at(7));
    await held(listingId, live, 4, at(30));
    expect(await ledger.releaseExpired(at(7), 0)).toEqual([]);
    const first = await ledger.releaseExpired(at(7), 2);
    expect(first.map((reservation) => [reservation.holderId, reservation.quantity])).toEqual([
      [early, 1],
      [middle, 2],
    ]);
    first.forEach((reservation) => expectConsistent(reservation.level));
    expect(first[1]?.level).toEqual({ listingId, onHand: 10, reserved: 7, available: 3 });
    expect(await ledger.releaseExpired(at(7), 2)).toMatchObject([{ holderId: late, quantity: 3, expiresAt: at(7) }]);
    expect(await ledger.releaseExpired(at(29), 10)).toEqual([]);
    expect(await ledger.reservation(listingId, live, at(29))).toMatchObject({ quantity: 4 });
    await expectLevel(listingId, { onHand: 10, reserved: 4, available: 6 });
  });

  it('two sweepers racing release each expired reservation exactly once and leave live ones', async () => {
    const listings = [await seeded(100), await seeded(100), await seeded(100)];
    const expired = new Set<string>();
    const live: Reservation[] = [];
    for (let index = 0; index < 120; index += 1) {
      const listingId = listings[index % 3] as string;
      const cart = holder();
      const isLive = index % 4 === 0;
      await held(listingId, cart, 1 + (index % 2), isLive ? at(60) : at(1 + (index % 5)));
      if (isLive) live.push({ listingId, holderId: cart, quantity: 1 + (index % 2), expiresAt: at(60) });
      else expired.add(`${listingId}|${cart}`);
    }
    // Two sweepers at once, each with a limit large enough for everything.
    const [one, two] = await Promise.all([ledger.releaseExpired(at(10), 1000), other.releaseExpired(at(10), 1000)]);
    expectSweptOnce([one, two], expired);
    for (const listingId of listings) expectConsistent(await ledger.level(listingId));

    // Then a second wave, expiring at 20, swept by two sweepers each looping with a small limit.
    const secondWave = live.slice(0, 15);
    const stillLive = live.slice(15);
    for (const reservation of secondWave)
      await held(reservation.listingId, reservation.holderId, reservation.quantity, at(20), at(10));
    const expiredSecond = new Set(secondWave.map((reservation) => `${reservation.listingId}|${reservation.holderId}`));
    const sweep = async (handle: StockLedger): Promise<typeof one> => {
      const all: typeof one = [];
      for (;;) {
        const batch = await handle.releaseExpired(at(25), 4);
        if (batch.length === 0) return all;
        all.push(...batch);
      }
    };
    const [three, four] = await Promise.all([sweep(ledger), sweep(other)]);
    expectSweptOnce([three, four], expiredSecond);
    for (const reservation of stillLive) {
      expect(await ledger.reservation(reservation.listingId, reservation.holderId, at(25))).toMatchObject({
        quantity: reservation.quantity,
      });
    }
    const stillReserved = stillLive.reduce((sum, reservation) => sum + reservation.quantity, 0);
    const levels = await Promise.all(listings.map((listingId) => ledger.level(listingId)));
    expect(levels.reduce((sum, level) => sum + expectConsistent(level).reserved, 0)).toBe(stillReserved);
  });

  // commit

  it('commit consumes the reservations and takes the quantities off stock on hand', async () => {
    const [shoes, hats] = [await seeded(10), await seeded(3)];
    const cart = holder();
    await held(shoes, cart, 2);
    await held(hats, cart, 3);
    await held(shoes, holder(), 1);
    const result = await ledger.commit(
      order(),
      cart,
      [
        { listingId: shoes, quantity: 2 },
        { listingId: hats, quantity: 3 },
      ],
      at(1),
    );
    expect(result).toEqual({
      ok: true,
      levels: [
        { listingId: shoes, onHand: 8, reserved: 1, available: 7 },
        { listingId: hats, onHand: 0, reserved: 0, available: 0 },
      ],
    });
    if (result.ok) result.levels.forEach((level) => expectConsistent(level));
    expect(await ledger.reservation(shoes, cart, at(1))).toBeNull();
    expect(await ledger.release(shoes, cart, 'removed')).toBeNull();
    expect(await ledger.commit(order(), cart, [{ listingId: shoes, quantity: 2 }], at(1))).toEqual({
      ok: false,
      reason: 'missing',
      missing: [shoes],
    });
    expect(await ledger.releaseExpired(at(60), 100)).toMatchObject([{ listingId: shoes, quantity: 1 }]);
    await expectLevel(shoes, { onHand: 8, reserved: 0, available: 8 });
    await expectLevel(hats, { onHand: 0, reserved: 0, available: 0 });
  });

  it('commit of less than is held consumes the whole reservation; the rest becomes available', async () => {
    const listingId = await seeded(10);
    const cart = holder();
    await held(listingId, cart, 5);
    expect(await ledger.commit(order(), cart, [{ listingId, quantity: 3 }], at(1))).toEqual({
      ok: true,
      levels: [{ listingId, onHand: 7, reserved: 0, available: 7 }],
    });
    expect(await ledger.reservation(listingId, cart, at(1))).toBeNull();
  });

  it('commit of an expired reservation fails naming it, and changes nothing', async () => {
    const [shoes, hats] = [await seeded(10), await seeded(10)];
    const cart = holder();
    await held(shoes, cart, 2, at(10));
    await held(hats, cart, 1, at(30));
    const items = [
      { listingId: shoes, quantity: 2 },
      { listingId: hats, quantity: 1 },
    ];
    expect(await ledger.commit(order(), cart, items, at(10))).toEqual({
      ok: false,
      reason: 'missing',
      missing: [shoes],
    });
    await expectLevel(shoes, { onHand: 10, reserved: 2, available: 8 });
    await expectLevel(hats, { onHand: 10, reserved: 1, available: 9 });
    expect(await ledger.reservation(hats, cart, at(10))).toMatchObject({ quantity: 1 });
    // The expired reservation was not consumed either: the sweep still releases it.
    expect(await ledger.releaseExpired(at(10), 100)).toMatchObject([{ listingId: shoes, holderId: cart, quantity: 2 }]);
  });

  it('commit is all or nothing: one absent, smaller or unknown listing and nothing is consumed', async () => {
    const [shoes, hats, socks, unknown] = [await seeded(10), await seeded(10), await seeded(10), listing()];
    const cart = holder();
    await held(shoes, cart, 2);
    await held(hats, cart, 1);
    await held(socks, holder(), 1);
    const result = await ledger.commit(
      order(),
      cart,
      [
        { listingId: shoes, quantity: 2 },
        { listingId: hats, quantity: 2 },
        { listingId: socks, quantity: 1 },
        { listingId: unknown, quantity: 1 },
      ],
      at(1),
    );
    expect(result).toEqual({ ok: false, reason: 'missing', missing: [hats, socks, unknown] });
    await expectLevel(shoes, { onHand: 10, reserved: 2, available: 8 });
    await expectLevel(hats, { onHand: 10, reserved: 1, available: 9 });
    await expectLevel(socks, { onHand: 10, reserved: 1, available: 9 });
    expect(await ledger.level(unknown)).toBeNull();
    expect(await ledger.reservation(shoes, cart, at(1))).toMatchObject({ quantity: 2 });
    expect(await ledger.commit(order(), cart, [{ listingId: shoes, quantity: 2 }], at(1))).toMatchObject({ ok: true });
  });

  it('commit of no items succeeds and changes nothing', async () => {
    expect(await ledger.commit(order(), holder(), [], at(0))).toEqual({ ok: true, levels: [] });
  });

  it('of racing commits, releases and sweeps of one reservation exactly one takes effect', async () => {
    const listingId = await seeded(10);
    for (let round = 0; round < 10; round += 1) {
      const cart = holder();
      await held(listingId, cart, 1, at(10));
      const before = expectConsistent(await ledger.level(listingId));
      const [commitA, commitB, released] = await Promise.all([
        ledger.commit(order(), cart, [{ listingId, quantity: 1 }], at(5)),
        other.commit(order(), cart, [{ listingId, quantity: 1 }], at(5)),
        other.release(listingId, cart, 'removed'),
      ]);
      const commits = [commitA, commitB].filter((result) => result.ok).length;
      expect(commits + (released ? 1 : 0)).toBe(1);
      const after = expectConsistent(await ledger.level(listingId));
      expect(after.reserved).toBe(before.reserved - 1);
      expect(after.onHand).toBe(before.onHand - commits);
    }
  });

  // orders: commit once, abandon, restock

  it('commit is once per order: a repeat answers ok with the current levels and sells nothing more', async () => {
    const listingId = await seeded(10);
    const [cart, id] = [holder(), order()];
    await held(listingId, cart, 2);
    expect(await ledger.commit(id, cart, [{ listingId, quantity: 2 }], at(1))).toMatchObject({ ok: true });
    await held(listingId, cart, 3);
    expect(await other.commit(id, cart, [{ listingId, quantity: 2 }], at(2))).toEqual({
      ok: true,
      levels: [{ listingId, onHand: 8, reserved: 3, available: 5 }],
    });
    await expectLevel(listingId, { onHand: 8, reserved: 3, available: 5 });
    expect(await ledger.reservation(listingId, cart, at(2))).toMatchObject({ quantity: 3 });
  });

  it('racing commits of one order sell once, and both answer ok', async () => {
    const listingId = await seeded(10);
    const [cart, id] = [holder(), order()];
    await held(listingId, cart, 4);
    const results = await Promise.all([
      ledger.commit(id, cart, [{ listingId, quantity: 4 }], at(1)),
      other.commit(id, cart, [{ listingId, quantity: 4 }], at(1)),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    await expectLevel(listingId, { onHand: 6, reserved: 0, available: 6 });
    // setOnHand, then one commit
    expect((await eventsOf(listingId)).filter((e) => e.topic === 'stock.updated')).toHaveLength(2);
  });

  it('abandon before the commit: the order is refused from then on and the reservation stays', async () => {
    const listingId = await seeded(5);
    const [cart, id] = [holder(), order()];
    await held(listingId, cart, 2);
    expect(await ledger.abandon(id)).toBe('abandoned');
    expect(await other.abandon(id)).toBe('abandoned');
    expect(await other.commit(id, cart, [{ listingId, quantity: 2 }], at(1))).toEqual({
      ok: false,
      reason: 'abandoned',
    });
    await expectLevel(listingId, { onHand: 5, reserved: 2, available: 3 });
    expect(await ledger.commit(order(), cart, [{ listingId, quantity: 2 }], at(1))).toMatchObject({ ok: true });
  });

  it('abandon after the commit (or its restock) answers committed and changes nothing', async () => {
    const listingId = await seeded(5);
    const [cart, id] = [holder(), order()];
    await held(listingId, cart, 2);
    await ledger.commit(id, cart, [{ listingId, quantity: 2 }], at(1));
    expect(await other.abandon(id)).toBe('committed');
    await expectLevel(listingId, { onHand: 3, reserved: 0, available: 3 });
    await ledger.restock(id, cart, [{ listingId, quantity: 2 }]);
    expect(await ledger.abandon(id)).toBe('committed');
  });

  it('a commit racing an abandon: either it sold and abandon says committed, or it is refused', async () => {
    const listingId = await seeded(50);
    for (let round = 0; round < 10; round += 1) {
      const [cart, id] = [holder(), order()];
      await held(listingId, cart, 1);
      const before = expectConsistent(await ledger.level(listingId));
      const [committed, state] = await Promise.all([
        ledger.commit(id, cart, [{ listingId, quantity: 1 }], at(1)),
        other.abandon(id),
      ]);
      expect(state === 'committed').toBe(committed.ok);
      const after = expectConsistent(await ledger.level(listingId));
      expect(after.onHand).toBe(before.onHand - (committed.ok ? 1 : 0));
    }
  });

  it("restock gives back an order's units once; reservations stay", async () => {
    const [shoes, hats] = [await seeded(5), await seeded(5)];
    const [cart, id] = [holder(), order()];
    await held(shoes, cart, 2);
    await held(hats, cart, 1);
    const items = [
      { listingId: shoes, quantity: 2 },
      { listingId: hats, quantity: 1 },
    ];
    await ledger.commit(id, cart, items, at(1));
    await held(shoes, holder(), 1);
    const levels = await ledger.restock(id, cart, items);
    expect(levels).toEqual([
      { listingId: shoes, onHand: 5, reserved: 1, available: 4 },
      { listingId: hats, onHand: 5, reserved: 0, available: 5 },
    ]);
    expect(await other.restock(id, cart, items)).toEqual([]);
    await expectLevel(shoes, { onHand: 5, reserved: 1, available: 4 });
  });

  it('racing restocks of one order give back once', async () => {
    const listingId = await seeded(5);
    const [cart, id] = [holder(), order()];
    await held(listingId, cart, 3);
    await ledger.commit(id, cart, [{ listingId, quantity: 3 }], at(1));
    const given = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? ledger : other).restock(id, cart, [{ listingId, quantity: 3 }])),
    );
    expect(given.filter((levels) => levels.length > 0)).toHaveLength(1);
    await expectLevel(listingId, { onHand: 5, reserved: 0, available: 5 });
  });

  it('restock of an abandoned order gives nothing; of an order the ledger has no record of gives its items, once', async () => {
    const listingId = await seeded(5);
    const abandoned = order();
    await ledger.abandon(abandoned);
    expect(await ledger.restock(abandoned, holder(), [{ listingId, quantity: 2 }])).toEqual([]);
    const unrecorded = order();
    expect(await ledger.restock(unrecorded, holder(), [{ listingId, quantity: 2 }])).toEqual([
      { listingId, onHand: 7, reserved: 0, available: 7 },
    ]);
    expect(await other.restock(unrecorded, holder(), [{ listingId, quantity: 2 }])).toEqual([]);
    await expectLevel(listingId, { onHand: 7, reserved: 0, available: 7 });
  });

  it('restock naming a listing never seeded is refused and changes nothing', async () => {
    const [known, unknown, id] = [await seeded(3), listing(), order()];
    await expect(
      ledger.restock(id, holder(), [
        { listingId: known, quantity: 1 },
        { listingId: unknown, quantity: 2 },
      ]),
    ).rejects.toThrow(/does not know/);
    expect(await ledger.level(unknown)).toBeNull();
    await expectLevel(known, { onHand: 3, reserved: 0, available: 3 });
    expect(await ledger.restock(id, holder(), [{ listingId: known, quantity: 1 }])).toHaveLength(1);
  });

  it('refuses an empty order id', async () => {
    const listingId = await seeded(3);
    await expect(ledger.commit('', holder(), [{ listingId, quantity: 1 }], at(0))).rejects.toThrow(RangeError);
    await expect(ledger.abandon('')).rejects.toThrow(RangeError);
    await expect(ledger.restock('', holder(), [{ listingId, quantity: 1 }])).rejects.toThrow(RangeError);
  });

  // events

  it('stores the stock.* event of every change with the figures it computed, in order', async () => {
    const listingId = await seeded(10);
    const [cart, buyer, id] = [holder(), holder(), order()];
    await held(listingId, cart, 3, at(15));
    await ledger.holdMore(listingId, cart, 2, at(20), at(1));
    await ledger.hold(listingId, cart, 1, at(20), at(2));
    await ledger.hold(listingId, cart, 1, at(25), at(3)); // no change of units: no event
    await ledger.release(listingId, cart, 'auction_ended');
    await held(listingId, buyer, 4, at(15));
    await ledger.commit(id, buyer, [{ listingId, quantity: 4 }], at(4));
    await ledger.commit(id, buyer, [{ listingId, quantity: 4 }], at(4)); // a repeat: no event
    await ledger.restock(id, buyer, [{ listingId, quantity: 4 }]);
    await held(listingId, cart, 2, at(30));
    await ledger.releaseExpired(at(31), 10);
    await ledger.release(listingId, cart, 'removed'); // nothing held: no event
    expect(await eventsOf(listingId)).toEqual([
      { topic: 'stock.updated', payload: { listingId, available: 10, quantityOnHand: 10 } },
      {
        topic: 'stock.reserved',
        payload: { listingId, available: 7, holderId: cart, quantity: 3, expiresAt: at(15).toISOString() },
      },
      {
        topic: 'stock.reserved',
        payload: { listingId, available: 5, holderId: cart, quantity: 2, expiresAt: at(20).toISOString() },
      },
      { topic: 'stock.released', payload: { listingId, available: 9, holderId: cart, quantity: 4, reason: 'removed' } },
      {
        topic: 'stock.released',
        payload: { listingId, available: 10, holderId: cart, quantity: 1, reason: 'auction_ended' },
      },
      {
        topic: 'stock.reserved',
        payload: { listingId, available: 6, holderId: buyer, quantity: 4, expiresAt: at(15).toISOString() },
      },
      { topic: 'stock.updated', payload: { listingId, available: 6, quantityOnHand: 6 } },
      {
        topic: 'stock.released',
        payload: { listingId, available: 10, holderId: buyer, quantity: 4, reason: 'order_cancelled' },
      },
      { topic: 'stock.updated', payload: { listingId, available: 10, quantityOnHand: 10 } },
      {
        topic: 'stock.reserved',
        payload: { listingId, available: 8, holderId: cart, quantity: 2, expiresAt: at(30).toISOString() },
      },
      {
        topic: 'stock.released',
        payload: { listingId, available: 10, holderId: cart, quantity: 2, reason: 'expired' },
      },
    ]);
    const ids = (await stored()).map((event) => event.id);
    expect(new Set(ids).size, 'event ids are unique').toBe(ids.length);
  });

  it('stores no event for a refused change', async () => {
    const listingId = await seeded(2);
    const cart = holder();
    await ledger.hold(listingId, cart, 5, at(15), at(0));
    await ledger.hold(listing(), cart, 1, at(15), at(0));
    await ledger.commit(order(), cart, [{ listingId, quantity: 1 }], at(1));
    await expect(ledger.restock(order(), cart, [{ listingId: listing(), quantity: 1 }])).rejects.toThrow();
    expect(await eventsOf(listingId)).toEqual([
      { topic: 'stock.updated', payload: { listingId, available: 2, quantityOnHand: 2 } },
    ]);
  });

  // copies

  it('answers copies: changing an answer or a passed date changes nothing stored', async () => {
    const listingId = await seeded(5);
    const cart = holder();
    const expiresAt = at(15);
    const result = await ledger.hold(listingId, cart, 2, expiresAt, at(0));
    expiresAt.setTime(at(1).getTime());
    if (result.ok && result.reservation) {
      result.reservation.expiresAt.setTime(at(2).getTime());
      result.reservation.quantity = 99;
      result.level.reserved = 99;
    }
    const level = await ledger.level(listingId);
    if (level) level.onHand = 99;
    expect(await ledger.reservation(listingId, cart, at(5))).toEqual({
      listingId,
      holderId: cart,
      quantity: 2,
      expiresAt: at(15),
    });
    await expectLevel(listingId, { onHand: 5, reserved: 2, available: 3 });
  });
}

/** Two sweeps' answers: together exactly the expected reservations, none answered twice. */
function expectSweptOnce(
  sweeps: { listingId: string; holderId: string; level: StockLevel }[][],
  expected: Set<string>,
): void {
  const keys = sweeps.flat().map((reservation) => `${reservation.listingId}|${reservation.holderId}`);
  sweeps.flat().forEach((reservation) => expectConsistent(reservation.level));
  expect(new Set(keys).size, 'no reservation released twice').toBe(keys.length);
  expect([...keys].sort()).toEqual([...expected].sort());
  const [first, second] = sweeps.map(
    (sweep) => new Set(sweep.map((reservation) => `${reservation.listingId}|${reservation.holderId}`)),
  );
  expect([...(first ?? [])].filter((key) => second?.has(key))).toEqual([]);
}
