import { randomUUID } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import { AuctionEvents } from '../../../src/application/auctions/auction-events.js';
import {
  bidKeyOf,
  decideBid,
  decideBuyNow,
  decideCancel,
  decideClose,
  type BuyNowRequest,
  type EventsOf,
  type LiveBid,
} from '../../../src/application/auctions/live-decisions.js';
import {
  AuctionNotHeldError,
  type AcceptedBid,
  type AuctionLiveState,
  type LiveSnapshot,
} from '../../../src/application/auctions/ports/auction-live-state.js';
import type { EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import { EventFactory } from '../../../src/application/shared/events/event-factory.js';
import type { OutboxStore } from '../../../src/application/shared/outbox/outbox.js';
import { ManualClock } from '../../../src/adapters/memory/shared/manual-clock.js';
import { SequentialIdGenerator } from '../../../src/adapters/memory/shared/sequential-id-generator.js';
import { placeBid, type Auction, type BidRequest, type CancelledBy } from '../../../src/domain/auctions/auction.js';
import { DomainError } from '../../../src/domain/shared/domain-error.js';
import { AUCTION_END, AUCTION_START, auctionFixture, eur } from '../../support/auction-fixture.js';
import { pendingEvents } from '../../support/outbox-helpers.js';

/**
 * A live state on empty data, a second handle on the same data (another connection on Redis), and the outbox they write
 * to.
 */
export interface AuctionLiveStates {
  state: AuctionLiveState;
  other: AuctionLiveState;
  outbox: OutboxStore;
}

const start = AUCTION_START;
const end = AUCTION_END;
/** `at(s)` is s seconds after the auctions start. */
const at = (secondsLater: number): Date => new Date(start.getTime() + secondsLater * 1000);
const during = at(1800);

const events = new AuctionEvents(new EventFactory(new SequentialIdGenerator('event'), new ManualClock(AUCTION_START)));

/** The bid a client sends, optionally under an Idempotency-Key (its fingerprint: the auction and the amounts). */
export function liveBid(auctionId: string, request: BidRequest, when: Date, key?: string): LiveBid {
  const fingerprint = JSON.stringify([auctionId, request.price, request.maxPrice ?? null]);
  return {
    auctionId,
    bidId: `bid-${randomUUID()}`,
    request,
    at: when,
    ...(key ? { idempotency: { key, fingerprint, ttlSeconds: 86_400 } } : {}),
  };
}

/**
 * The use cases' writes as they run them: `transact` with their decisions (src/application/auctions/live-decisions.ts).
 */
export const liveWrite = {
  bid: (target: AuctionLiveState, bid: LiveBid, built: EventsOf<AcceptedBid>): Promise<AcceptedBid> =>
    target.transact(bid.auctionId, decideBid(bid, built), bidKeyOf(bid)),
  close: (target: AuctionLiveState, auctionId: string, when: Date, built: EventsOf<Auction>): Promise<Auction | null> =>
    target.transact(auctionId, decideClose(when, built)),
  cancel: (
    target: AuctionLiveState,
    auctionId: string,
    by: CancelledBy,
    when: Date,
    built: EventsOf<Auction> = () => [],
  ) => target.transact(auctionId, decideCancel(auctionId, by, when, built)),
  buyNow: (target: AuctionLiveState, request: BuyNowRequest, built: EventsOf<Auction>): Promise<Auction> =>
    target.transact(request.auctionId, decideBuyNow(request, built)),
};

const bidOn = (
  target: AuctionLiveState,
  auctionId: string,
  request: BidRequest,
  when: Date,
  key?: string,
): Promise<AcceptedBid> =>
  liveWrite.bid(target, liveBid(auctionId, request, when, key), (accepted) => events.bidPlaced(accepted));
const closeOn = (target: AuctionLiveState, auctionId: string, when: Date): Promise<Auction | null> =>
  liveWrite.close(target, auctionId, when, (closed) => events.ended(closed));

const auction = (overrides: Partial<Auction> = {}): Auction =>
  auctionFixture({ id: `auction-${randomUUID()}`, listingId: `listing-${randomUUID()}`, ...overrides });

/** mulberry32: a small seeded PRNG, so that a failing round can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

/** The behaviour every AuctionLiveState must have; `makeStates` gives states on empty data. */
export function auctionLiveStateContract(makeStates: () => AuctionLiveStates | Promise<AuctionLiveStates>): void {
  let state: AuctionLiveState;
  let other: AuctionLiveState;
  let outbox: OutboxStore;
  beforeEach(async () => {
    ({ state, other, outbox } = await makeStates());
  });
  const storedEvents = (): Promise<EventEnvelope[]> => pendingEvents(outbox);

  async function stored(overrides: Partial<Auction> = {}): Promise<Auction> {
    const initial = auction(overrides);
    await state.put(initial);
    return initial;
  }

  it('put then get answers the auction as stored, Dates as Dates; unknown ids answer null', async () => {
    const initial = auction({ reservePrice: eur(5000), buyItNowPrice: eur(9000), bidders: ['b2', 'b1'] });
    await state.put(initial);
    const read = await state.get(initial.id);
    expect(read).toEqual(initial);
    expect(read?.endsAt).toBeInstanceOf(Date);
    expect(read?.startsAt).toBeInstanceOf(Date);
    expect(read?.scheduledEndsAt).toBeInstanceOf(Date);
    expect(await other.get(initial.id)).toEqual(initial);
    expect(await state.get(`auction-${randomUUID()}`)).toBeNull();
    const replaced = { ...initial, currentPrice: eur(1200) };
    await state.put(replaced);
    expect(await state.get(initial.id)).toEqual(replaced);
  });

  it('bid applies the domain rules and numbers accepted bids 1, 2, 3...', async () => {
    const initial = await stored();
    const first = await bidOn(state, initial.id, { bidderId: 'b1', price: 1000, maxPrice: 1500 }, during);
    expect(first).toEqual({
      bid: {
        id: first.bid.id,
        auctionId: initial.id,
        bidderId: 'b1',
        bidderAlias: 'Bidder 1',
        kind: 'bid',
        price: eur(1000),
        maxPrice: eur(1500),
        sequence: 1,
        outcome: 'leading',
        createdAt: during,
      },
      previousLeaderId: null,
      previousPrice: eur(1000),
      auction: placeBid(initial, { bidderId: 'b1', price: 1000, maxPrice: 1500 }, during).auction,
    });
    const second = await bidOn(other, initial.id, { bidderId: 'b2', price: 1200 }, during);
    expect(second.bid).toMatchObject({ sequence: 2, outcome: 'outbid', price: eur(1200), bidderAlias: 'Bidder 2' });
    expect(second.previousPrice).toEqual(eur(1000));
    expect(second.bid).not.toHaveProperty('maxPrice');
    expect(second.previousLeaderId).toBe('b1');
    expect((await bidOn(state, initial.id, { bidderId: 'b3', price: 2000 }, during)).previousLeaderId).toBe('b1');
    expect(second.auction).toMatchObject({ currentPrice: eur(1300), leadingBidderId: 'b1', bidCount: 2 });
    expect(second.auction.endsAt).toBeInstanceOf(Date);
    expect(await state.get(initial.id)).toMatchObject({ leadingBidderId: 'b3', bidCount: 3 });
  });

  it('a too-low bid throws AUCTION_BID_TOO_LOW and changes nothing', async () => {
    const initial = await stored();
    await bidOn(state, initial.id, { bidderId: 'b1', price: 1000 }, during);
    const before = await state.get(initial.id);
    await expect(bidOn(state, initial.id, { bidderId: 'b2', price: 1050 }, during)).rejects.toMatchObject({
      code: 'AUCTION_BID_TOO_LOW',
      details: { minimum: 1100 },
    });
    await expect(bidOn(other, initial.id, { bidderId: 'b2', price: 1050 }, during)).rejects.toBeInstanceOf(DomainError);
    expect(await state.get(initial.id)).toEqual(before);
    expect((await bidOn(state, initial.id, { bidderId: 'b2', price: 1100 }, during)).bid.sequence).toBe(2);
  });

  it('other domain errors propagate unchanged: the seller, outside the live window', async () => {
    const initial = await stored();
    expect(await codeOf(bidOn(state, initial.id, { bidderId: 'seller', price: 2000 }, during))).toBe(
      'AUCTION_SELLER_CANNOT_BID',
    );
    expect(await codeOf(bidOn(state, initial.id, { bidderId: 'b1', price: 2000 }, at(-1)))).toBe('AUCTION_NOT_LIVE');
    expect(await codeOf(bidOn(state, initial.id, { bidderId: 'b1', price: 2000 }, end))).toBe('AUCTION_NOT_LIVE');
    expect(await codeOf(bidOn(state, initial.id, { bidderId: 'b1', price: 2000, maxPrice: 1500 }, during))).toBe(
      'AUCTION_MAX_BELOW_PRICE',
    );
    expect(await state.get(initial.id)).toEqual(initial);
  });

  it('200 concurrent bids from 20 bidders: sequences 1..N, each judged against the state the previous left, none lost or applied twice', async () => {
    for (let round = 0; round < 20; round += 1) {
      const random = prng(0x5eed + round);
      const initial = await stored();
      // Prices climb with the request index, with noise, so that many are accepted and many are
      // judged too low against a state a racing bid left; some bidders bid by proxy.
      const requests: BidRequest[] = Array.from({ length: 200 }, (_, index) => {
        const bidderId = `bidder-${Math.floor(random() * 20)}`;
        const price = Math.max(1000, 1000 + index * 100 + (Math.floor(random() * 13) - 6) * 50);
        return random() < 0.3
          ? { bidderId, price, maxPrice: price + Math.floor(random() * 20) * 50 }
          : { bidderId, price };
      });
      const results = await Promise.all(
        requests.map(async (request, index) => {
          try {
            return { request, accepted: await bidOn(index % 2 === 0 ? state : other, initial.id, request, during) };
          } catch (error) {
            return { request, error };
          }
        }),
      );
      const accepted = results
        .flatMap((result) =>
          'accepted' in result ? [{ request: result.request, accepted: result.accepted as AcceptedBid }] : [],
        )
        .sort((a, b) => a.accepted.bid.sequence - b.accepted.bid.sequence);
      const rejected = results.filter((result) => 'error' in result);
      const context = `round ${round}`;
      expect(accepted.length, `${context}: some bids accepted`).toBeGreaterThan(10);
      expect(rejected.length, `${context}: some bids refused`).toBeGreaterThan(0);
      expect(
        accepted.map((bid) => bid.accepted.bid.sequence),
        `${context}: sequences 1..N without gaps or duplicates`,
      ).toEqual(accepted.map((_, index) => index + 1));
      for (const result of rejected) {
        expect(result.error, context).toBeInstanceOf(DomainError);
        expect((result.error as DomainError).code, context).toBe('AUCTION_BID_TOO_LOW');
      }
      // Replaying the accepted requests in sequence order from the initial state must accept each
      // and reproduce each answer, ending in exactly the stored state.
      let replayed = initial;
      for (const { request, accepted: answer } of accepted) {
        const step = placeBid(replayed, request, during);
        expect(step.outcome, `${context}, sequence ${answer.bid.sequence}`).toBe(answer.bid.outcome);
        expect(answer.auction, `${context}, sequence ${answer.bid.sequence}`).toEqual(step.auction);
        replayed = step.auction;
      }
      const final = await state.get(initial.id);
      expect(final, context).toEqual(replayed);
      expect(final?.bidCount, context).toBe(
        accepted.filter(({ accepted: answer }) => answer.bid.kind === 'bid').length,
      );
      expect(new Set(final?.bidders).size, context).toBe(final?.bidders.length);
      expect(accepted.length + rejected.length, context).toBe(requests.length);
    }
  });

  it('closeIfDue: null before endsAt, the closed auction once at endsAt, null afterwards', async () => {
    const initial = await stored({ reservePrice: eur(1500) });
    await bidOn(state, initial.id, { bidderId: 'b1', price: 1600 }, during);
    expect(await closeOn(state, initial.id, at(3599))).toBeNull();
    expect((await state.get(initial.id))?.status).toBe('live');
    const closed = await closeOn(state, initial.id, end);
    expect(closed).toMatchObject({ id: initial.id, status: 'ended', winnerId: 'b1', currentPrice: eur(1600) });
    expect(closed?.endsAt).toEqual(end);
    expect(await state.get(initial.id)).toEqual(closed);
    expect(await closeOn(state, initial.id, at(4000))).toBeNull();
    expect(await closeOn(other, initial.id, at(4000))).toBeNull();
    expect(await codeOf(bidOn(state, initial.id, { bidderId: 'b2', price: 5000 }, during))).toBe('AUCTION_NOT_LIVE');
    expect(await state.get(initial.id)).toEqual(closed);
  });

  it('closeIfDue after endsAt closes without a winner below the reserve; unknown and cancelled auctions answer null', async () => {
    const initial = await stored({ reservePrice: eur(5000) });
    await bidOn(state, initial.id, { bidderId: 'b1', price: 1000 }, during);
    expect(await closeOn(state, initial.id, at(7200))).toMatchObject({ status: 'ended', winnerId: null });
    expect(await closeOn(state, `auction-${randomUUID()}`, at(7200))).toBeNull();
    const cancelled = await stored({ status: 'cancelled' });
    expect(await closeOn(state, cancelled.id, at(7200))).toBeNull();
    expect(await state.get(cancelled.id)).toEqual(cancelled);
  });

  it('of 10 racing closeIfDue calls exactly one gets the closed auction', async () => {
    for (let round = 0; round < 10; round += 1) {
      const initial = await stored();
      await bidOn(state, initial.id, { bidderId: 'b1', price: 1000 }, during);
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, index) => closeOn(index % 2 === 0 ? state : other, initial.id, end)),
      );
      const closed = answers.filter((answer) => answer !== null);
      expect(closed).toHaveLength(1);
      expect(closed[0]).toMatchObject({ status: 'ended', winnerId: 'b1', bidCount: 1 });
      expect(await state.get(initial.id)).toEqual(closed[0]);
    }
  });

  it('closeIfDue before the end racing bids closes nothing and loses no bid', async () => {
    const initial = await stored();
    const results = await Promise.all([
      ...Array.from({ length: 10 }, (_, index) =>
        codeOf(
          bidOn(
            index % 2 === 0 ? state : other,
            initial.id,
            { bidderId: `b${index}`, price: 1000 + index * 1000 },
            at(3599),
          ),
        ),
      ),
      closeOn(other, initial.id, at(3599)).then(() => 'not due'),
    ]);
    expect(results.at(-1)).toBe('not due');
    const final = await closeOn(state, initial.id, end);
    const codes = results.slice(0, -1);
    expect(final?.bidCount).toBe(codes.filter((code) => code === 'ok').length);
    expect(codes.every((code) => code === 'ok' || code === 'AUCTION_BID_TOO_LOW')).toBe(true);
  });

  it('a bid that extended endsAt (anti-sniping) postpones closing to the new end', async () => {
    const initial = await stored({ antiSnipingSeconds: 120, maxExtensionSeconds: 600 });
    const late = at(3590); // 10 s before the end
    const accepted = await bidOn(state, initial.id, { bidderId: 'b1', price: 1000 }, late);
    const extended = at(3590 + 120);
    expect(accepted.auction.endsAt).toEqual(extended);
    expect(accepted.auction.scheduledEndsAt).toEqual(end);
    expect(await closeOn(state, initial.id, end)).toBeNull();
    expect(await closeOn(other, initial.id, at(3709))).toBeNull();
    expect(await bidOn(state, initial.id, { bidderId: 'b2', price: 1100 }, at(3650))).toMatchObject({
      bid: { sequence: 2 },
    });
    expect(await closeOn(state, initial.id, extended)).toBeNull(); // the second bid extended it again
    const closed = await closeOn(other, initial.id, at(3650 + 120));
    expect(closed).toMatchObject({ status: 'ended', winnerId: 'b2', endsAt: at(3770) });
  });

  it("cancel: the seller's cancel racing the first bids either wins before any bid or is refused; never both", async () => {
    for (let round = 0; round < 10; round += 1) {
      const initial = await stored();
      const results = await Promise.all([
        codeOf(bidOn(state, initial.id, { bidderId: 'b1', price: 1000 }, during)),
        codeOf(liveWrite.cancel(other, initial.id, { isSeller: true, isAdmin: false }, during)),
        codeOf(bidOn(state, initial.id, { bidderId: 'b2', price: 1000 }, during)),
      ]);
      const final = await state.get(initial.id);
      if (results[1] === 'ok') {
        expect(final).toMatchObject({ status: 'cancelled', bidCount: 0 });
        expect([results[0], results[2]]).toEqual(['AUCTION_NOT_LIVE', 'AUCTION_NOT_LIVE']);
      } else {
        expect(results[1]).toBe('AUCTION_CANNOT_CANCEL');
        expect(final?.status).toBe('live');
        expect(final?.bidCount).toBeGreaterThan(0);
      }
    }
  });

  it('cancel: an admin cancels after bids; an ended or unknown auction cannot be cancelled', async () => {
    const initial = await stored();
    await bidOn(state, initial.id, { bidderId: 'b1', price: 1000 }, during);
    expect(await liveWrite.cancel(other, initial.id, { isSeller: false, isAdmin: true }, during)).toMatchObject({
      status: 'cancelled',
      bidCount: 1,
    });
    expect(await codeOf(bidOn(state, initial.id, { bidderId: 'b2', price: 2000 }, during))).toBe('AUCTION_NOT_LIVE');
    expect(await closeOn(state, initial.id, at(7200))).toBeNull();
    const ended = await stored();
    await closeOn(state, ended.id, end);
    expect(await codeOf(liveWrite.cancel(state, ended.id, { isSeller: false, isAdmin: true }, end))).toBe(
      'AUCTION_NOT_LIVE',
    );
    await expect(
      liveWrite.cancel(state, `auction-${randomUUID()}`, { isSeller: false, isAdmin: true }, during),
    ).rejects.toBeInstanceOf(AuctionNotHeldError);
  });

  it("cancel stores its events (an admin's audit) in its step; a refused cancel stores none", async () => {
    const initial = await stored();
    const audited = (cancelled: Auction) => [events.adminAction('admin-1', 'auction.cancel', cancelled)];
    expect(
      await liveWrite.cancel(other, initial.id, { isSeller: false, isAdmin: true }, during, audited),
    ).toMatchObject({ status: 'cancelled' });
    expect(await codeOf(liveWrite.cancel(state, initial.id, { isSeller: false, isAdmin: true }, during, audited))).toBe(
      'AUCTION_NOT_LIVE',
    );
    const outbox = await storedEvents();
    expect(outbox.map((event) => [event.topic, event.payload])).toEqual([
      ['admin.action', { actorId: 'admin-1', action: 'auction.cancel', targetType: 'auction', targetId: initial.id }],
    ]);
  });

  it('copies in and out: changing what was passed or answered changes nothing stored', async () => {
    const initial = auction();
    const kept = structuredClone(initial);
    await state.put(initial);
    initial.endsAt.setTime(0);
    initial.currentPrice.amount = 1;
    const read = await state.get(kept.id);
    expect(read).toEqual(kept);
    if (read) {
      read.startsAt.setTime(0);
      read.startingPrice.amount = 99;
    }
    const answer = await bidOn(state, kept.id, { bidderId: 'b1', price: 1000 }, during);
    answer.auction.currentPrice.amount = 99_999;
    answer.auction.endsAt.setTime(0);
    expect(await state.get(kept.id)).toEqual(placeBid(kept, { bidderId: 'b1', price: 1000 }, during).auction);
  });

  it('a bid stores auction.bid.placed, and the outbid notification when the lead changes, in its step; a refused bid stores nothing', async () => {
    const initial = await stored();
    const first = await bidOn(state, initial.id, { bidderId: 'b1', price: 1000 }, during);
    await expect(bidOn(other, initial.id, { bidderId: 'b2', price: 1000 }, during)).rejects.toBeInstanceOf(DomainError);
    const raised = await bidOn(state, initial.id, { bidderId: 'b1', price: 1100 }, during);
    const second = await bidOn(other, initial.id, { bidderId: 'b2', price: 1200 }, during);
    const outbox = await storedEvents();
    expect(outbox.map((event) => event.id)).toEqual([
      `auction.bid.placed:${first.bid.id}`,
      `auction.max.raised:${raised.bid.id}`,
      `auction.bid.placed:${second.bid.id}`,
      `auction.outbid:${second.bid.id}`,
    ]);
    expect(outbox[1]?.payload).toMatchObject({
      bidId: raised.bid.id,
      bidderId: 'b1',
      bidderAlias: 'Bidder 1',
      priceChanged: false,
      bidCount: 1,
      currentPrice: eur(1000),
    });
    expect(outbox[2]?.payload).toEqual({
      auctionId: initial.id,
      bidId: second.bid.id,
      bidderId: 'b2',
      bidderAlias: 'Bidder 2',
      price: eur(1200),
      currentPrice: eur(1200),
      leadingBidderId: 'b2',
      leadingBidderAlias: 'Bidder 2',
      reserveMet: true,
      previousLeaderId: 'b1',
      bidCount: 2,
      endsAt: AUCTION_END.toISOString(),
    });
    expect(outbox[3]?.payload).toMatchObject({ userId: 'b1', type: 'auction.outbid', data: { auctionId: initial.id } });
  });

  it('an events builder that throws leaves the state, the pending bids and the outbox as they were', async () => {
    const initial = await stored();
    const failing = () => {
      throw new Error('no events');
    };
    await expect(
      liveWrite.bid(state, liveBid(initial.id, { bidderId: 'b1', price: 1000 }, during), failing),
    ).rejects.toThrow('no events');
    await expect(liveWrite.close(other, initial.id, end, failing)).rejects.toThrow('no events');
    expect(await state.get(initial.id)).toEqual(initial);
    expect(await state.pendingLog(initial.id)).toEqual([]);
    expect(await storedEvents()).toEqual([]);
    expect((await bidOn(state, initial.id, { bidderId: 'b1', price: 1000 }, during)).bid.sequence).toBe(1);
  });

  it('closeIfDue stores auction.ended and its notifications with the close, once of 10 racing closes', async () => {
    const initial = await stored();
    await bidOn(state, initial.id, { bidderId: 'b1', price: 1000 }, during);
    await Promise.all(
      Array.from({ length: 10 }, (_, index) => closeOn(index % 2 === 0 ? state : other, initial.id, end)),
    );
    const ended = (await storedEvents()).filter((event) => !event.topic.startsWith('auction.bid'));
    expect(ended.map((event) => event.id)).toEqual([
      `auction.ended:${initial.id}`,
      `auction.won:${initial.id}:b1`,
      `auction.ended:${initial.id}:seller`,
    ]);
    expect(ended[0]?.payload).toMatchObject({ winnerId: 'b1', finalPrice: eur(1000), bidCount: 1, reserveMet: true });
  });

  it('accepted bids stay pending for the bid log, in sequence order, until marked logged', async () => {
    const initial = await stored();
    const bids = [];
    for (const [index, bidderId] of ['b1', 'b2', 'b3'].entries())
      bids.push(
        await bidOn(
          index % 2 ? other : state,
          initial.id,
          { bidderId, price: 1000 + 1000 * index, maxPrice: 1050 + 1000 * index },
          during,
        ),
      );
    expect(await state.pendingLog(initial.id)).toEqual(bids);
    expect(await other.pendingLog(initial.id, [bids[2]!.bid.id, 'no-such-bid', bids[0]!.bid.id])).toEqual([
      bids[0],
      bids[2],
    ]);
    expect(await state.pendingLog(initial.id, [])).toEqual([]);
    await other.markLogged(initial.id, [bids[0]!.bid.id, bids[2]!.bid.id]);
    expect(await state.pendingLog(initial.id)).toEqual([bids[1]]);
    await state.markLogged(initial.id, [bids[1]!.bid.id, 'no-such-bid']);
    expect(await other.pendingLog(initial.id)).toEqual([]);
    expect(await state.pendingLog(`auction-${randomUUID()}`)).toEqual([]);
    expect((await state.get(initial.id))?.bidCount).toBe(3);
  });

  it('an Idempotency-Key already recorded answers the first acceptance and stores nothing more; another body under it is IDEMPOTENCY_KEY_REUSED', async () => {
    const initial = await stored();
    const first = await bidOn(state, initial.id, { bidderId: 'b1', price: 1000, maxPrice: 3000 }, during, 'key-0001');
    const again = await bidOn(other, initial.id, { bidderId: 'b1', price: 1000, maxPrice: 3000 }, at(1900), 'key-0001');
    expect(again).toEqual(first);
    expect(
      await codeOf(bidOn(state, initial.id, { bidderId: 'b1', price: 1500, maxPrice: 3000 }, during, 'key-0001')),
    ).toBe('IDEMPOTENCY_KEY_REUSED');
    const elsewhere = await stored();
    expect(
      await codeOf(bidOn(other, elsewhere.id, { bidderId: 'b1', price: 1000, maxPrice: 3000 }, during, 'key-0001')),
    ).toBe('IDEMPOTENCY_KEY_REUSED');
    const otherBidder = await bidOn(other, initial.id, { bidderId: 'b2', price: 1100 }, during, 'key-0001');
    expect(otherBidder.bid).toMatchObject({ sequence: 2, bidderId: 'b2' });
    expect((await state.get(initial.id))?.bidCount).toBe(2);
    expect((await state.pendingLog(initial.id)).map((accepted) => accepted.bid.id)).toEqual([
      first.bid.id,
      otherBidder.bid.id,
    ]);
    expect((await storedEvents()).filter((event) => event.topic === 'auction.bid.placed')).toHaveLength(2);
    await closeOn(state, initial.id, end);
    expect(
      await bidOn(state, initial.id, { bidderId: 'b1', price: 1000, maxPrice: 3000 }, at(7200), 'key-0001'),
    ).toEqual(first);
  });

  it('30 racing copies of 3 keyed bids on both handles: each key stores one bid, every copy answers it', async () => {
    // One bidder, three auctions: each key's bid is accepted whatever order the copies land in.
    const requests = await Promise.all(
      [0, 1, 2].map(async (index) => ({
        auctionId: (await stored()).id,
        key: `race-key-${index}`,
        request: { bidderId: 'b1', price: 1000, maxPrice: 2000 + 500 * index },
      })),
    );
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, index) => {
        const { auctionId, key, request } = requests[index % 3]!;
        return bidOn(index % 2 === 0 ? state : other, auctionId, request, during, key);
      }),
    );
    for (const [index, { auctionId }] of requests.entries()) {
      const copies = answers.filter((_, copy) => copy % 3 === index);
      expect(new Set(copies.map((answer) => answer.bid.id)).size).toBe(1);
      expect(copies.every((answer) => JSON.stringify(answer) === JSON.stringify(copies[0]))).toBe(true);
      expect((await state.get(auctionId))?.bidCount).toBe(1);
      expect((await state.pendingLog(auctionId)).map((accepted) => accepted.bid.sequence)).toEqual([1]);
    }
    expect((await storedEvents()).filter((event) => event.topic === 'auction.bid.placed')).toHaveLength(3);
  });

  it("the leader's request raises their maximum: a max_raise entry (pending for the log), auction.max.raised, bidCount, endsAt and history unchanged", async () => {
    const initial = await stored({ reservePrice: eur(3000), antiSnipingSeconds: 300, maxExtensionSeconds: 600 });
    await bidOn(state, initial.id, { bidderId: 'b1', price: 1000, maxPrice: 2000 }, during);
    await bidOn(other, initial.id, { bidderId: 'b2', price: 1100 }, during);
    expect(await codeOf(bidOn(state, initial.id, { bidderId: 'b1', price: 1300, maxPrice: 2000 }, at(3500)))).toBe(
      'AUCTION_BID_TOO_LOW',
    );
    const raised = await bidOn(other, initial.id, { bidderId: 'b1', price: 1300, maxPrice: 2500 }, at(3500));
    expect(raised.bid).toMatchObject({
      kind: 'max_raise',
      sequence: 3,
      bidderAlias: 'Bidder 1',
      price: eur(1200),
      maxPrice: eur(2500),
      outcome: 'leading',
    });
    expect(raised.auction).toMatchObject({ bidCount: 2, currentPrice: eur(1200), leaderMaxAmount: 2500, endsAt: end });
    const met = await bidOn(state, initial.id, { bidderId: 'b1', price: 1300, maxPrice: 3500 }, at(3500));
    expect(met.auction).toMatchObject({ bidCount: 2, currentPrice: eur(3000), leaderMaxAmount: 3500, endsAt: end });
    expect(await state.get(initial.id)).toEqual(met.auction);
    expect((await state.pendingLog(initial.id)).map((accepted) => accepted.bid.kind)).toEqual([
      'bid',
      'bid',
      'max_raise',
      'max_raise',
    ]);
    const raises = (await storedEvents()).filter((event) => event.topic === 'auction.max.raised');
    expect(raises.map((event) => event.payload as { priceChanged: boolean; reserveMet: boolean })).toEqual([
      expect.objectContaining({ priceChanged: false, reserveMet: false }),
      expect.objectContaining({
        priceChanged: true,
        reserveMet: true,
        currentPrice: eur(3000),
        leadingBidderAlias: 'Bidder 1',
      }),
    ]);
  });

  it('buyNow ends the auction with the buyer as winner and stores auction.ended (with the order id) and its notifications in its step', async () => {
    const initial = await stored({ buyItNowPrice: eur(5000) });
    const bought = await liveWrite.buyNow(
      other,
      { auctionId: initial.id, buyerId: 'buyer', orderId: 'order-1', at: during },
      (ended) => events.ended(ended),
    );
    expect(bought).toMatchObject({
      status: 'ended',
      winnerId: 'buyer',
      currentPrice: eur(5000),
      orderId: 'order-1',
      endsAt: during,
      bidders: ['buyer'],
    });
    expect(await state.get(initial.id)).toEqual(bought);
    const written = await storedEvents();
    expect(written.map((event) => event.id)).toEqual([
      `auction.ended:${initial.id}`,
      `auction.won:${initial.id}:buyer`,
      `auction.ended:${initial.id}:seller`,
    ]);
    expect(written[0]?.payload).toMatchObject({
      winnerId: 'buyer',
      finalPrice: eur(5000),
      orderId: 'order-1',
      reserveMet: true,
      leadingBidderAlias: 'Bidder 1',
    });
    expect(
      await codeOf(
        liveWrite.buyNow(state, { auctionId: initial.id, buyerId: 'late', orderId: 'order-2', at: during }, () => []),
      ),
    ).toBe('AUCTION_BUY_NOW_UNAVAILABLE');
    expect(await codeOf(bidOn(state, initial.id, { bidderId: 'b1', price: 9000 }, during))).toBe('AUCTION_NOT_LIVE');
    expect(await closeOn(state, initial.id, at(7200))).toBeNull();
    await expect(
      liveWrite.buyNow(
        state,
        { auctionId: `auction-${randomUUID()}`, buyerId: 'buyer', orderId: 'order-3', at: during },
        () => [],
      ),
    ).rejects.toBeInstanceOf(AuctionNotHeldError);
    expect((await storedEvents()).length).toBe(3);
  });

  it('buyNow racing other buyers and bids on both handles: one buyer and no bid, or bids and no buyer', async () => {
    for (let round = 0; round < 10; round += 1) {
      const initial = await stored({ buyItNowPrice: eur(5000) });
      const buy = (index: number) =>
        codeOf(
          liveWrite.buyNow(
            index % 2 ? other : state,
            { auctionId: initial.id, buyerId: `buyer-${index}`, orderId: `order-${index}`, at: during },
            (ended) => events.ended(ended),
          ),
        );
      const bid = (index: number) =>
        codeOf(
          bidOn(index % 2 ? state : other, initial.id, { bidderId: `b${index}`, price: 1000 + 100 * index }, during),
        );
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, index) => (index % 2 ? buy(index) : bid(index))),
      );
      const bought = results.filter((code, index) => index % 2 === 1 && code === 'ok');
      const bids = results.filter((code, index) => index % 2 === 0 && code === 'ok');
      const final = await state.get(initial.id);
      if (bought.length) {
        expect(bought).toHaveLength(1);
        expect(final).toMatchObject({
          status: 'ended',
          bidCount: bids.length,
          winnerId: expect.stringMatching(/^buyer-/),
        });
        expect(
          results
            .filter((code) => code !== 'ok')
            .every((code) => code === 'AUCTION_BUY_NOW_UNAVAILABLE' || code === 'AUCTION_NOT_LIVE'),
        ).toBe(true);
        expect(bids).toHaveLength(0);
      } else {
        expect(final).toMatchObject({ status: 'live', bidCount: bids.length });
        expect(bids.length).toBeGreaterThan(0);
      }
      const ended = (await storedEvents()).filter((event) => event.id === `auction.ended:${initial.id}`);
      expect(ended).toHaveLength(bought.length);
    }
  });

  it('transact gives the decision the state, the bid sequence and the key record it read (null and 0 for an auction not held)', async () => {
    const initial = await stored();
    const first = await bidOn(state, initial.id, { bidderId: 'b1', price: 1000 }, during, 'key-0001');
    await bidOn(other, initial.id, { bidderId: 'b2', price: 1100 }, during);
    const read = (target: AuctionLiveState, auctionId: string, key?: { bidderId: string; key: string }) =>
      target.transact(
        auctionId,
        (snapshot: LiveSnapshot) => ({ result: snapshot }),
        key && { ...key, at: during, ttlSeconds: 60 },
      );
    expect(await read(other, initial.id)).toEqual({
      auction: await state.get(initial.id),
      sequence: 2,
      recorded: null,
    });
    expect((await read(state, initial.id, { bidderId: 'b1', key: 'key-0001' })).recorded).toEqual({
      fingerprint: expect.any(String),
      accepted: first,
    });
    expect((await read(state, initial.id, { bidderId: 'b2', key: 'key-0001' })).recorded).toBeNull();
    expect(await read(state, `auction-${randomUUID()}`)).toEqual({ auction: null, sequence: 0, recorded: null });
  });

  it('a decision without a change stores nothing; one that throws, or keeps a key record its write did not name, stores nothing either', async () => {
    const initial = await stored();
    expect(await state.transact(initial.id, () => ({ result: 'unchanged' }))).toBe('unchanged');
    const closed = { ...initial, status: 'ended' as const };
    const change = { auction: closed, sequence: 5, events: events.ended(closed) };
    await expect(
      other.transact(initial.id, () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    const accepted = await bidOn(state, initial.id, { bidderId: 'b1', price: 1000 }, during);
    const unnamed = { ...change, record: { fingerprint: 'f', accepted } };
    await expect(other.transact(initial.id, () => ({ result: 'kept', change: unnamed }))).rejects.toThrow(
      /Idempotency-Key/,
    );
    expect(await state.get(initial.id)).toEqual(accepted.auction);
    expect((await storedEvents()).map((event) => event.topic)).toEqual(['auction.bid.placed']);
    expect((await bidOn(other, initial.id, { bidderId: 'b2', price: 1100 }, during)).bid.sequence).toBe(2);
  });

  it('50 racing transacts on both handles, each adding one to the sequence it read: none lost, each with its events', async () => {
    const initial = await stored();
    const step = (snapshot: LiveSnapshot) => {
      const sequence = snapshot.sequence + 1;
      const event = events.adminAction(`admin-${sequence}`, 'auction.cancel', initial);
      return { result: sequence, change: { auction: snapshot.auction ?? initial, sequence, events: [event] } };
    };
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) => (index % 2 ? other : state).transact(initial.id, step)),
    );
    expect([...answers].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    expect(await state.transact(initial.id, ({ sequence }) => ({ result: sequence }))).toBe(50);
    expect((await storedEvents()).map((event) => (event.payload as { actorId: string }).actorId).sort()).toEqual(
      answers.map((n) => `admin-${n}`).sort(),
    );
    expect(await other.get(initial.id)).toEqual(initial);
  });
}
