import { randomUUID } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import { AuctionNotHeldError, type AcceptedBid, type AuctionLiveState } from '../../../src/application/auctions/ports/auction-live-state.js';
import { placeBid, type Auction, type BidRequest } from '../../../src/domain/auctions/auction.js';
import { DomainError } from '../../../src/domain/shared/domain-error.js';
import { AUCTION_END, AUCTION_START, auctionFixture, eur } from '../../support/auction-fixture.js';

/** A live state on empty data, and a second handle on the same data (another connection on Redis). */
export interface AuctionLiveStates {
  state: AuctionLiveState;
  other: AuctionLiveState;
}

const start = AUCTION_START;
const end = AUCTION_END;
/** `at(s)` is s seconds after the auctions start. */
const at = (secondsLater: number): Date => new Date(start.getTime() + secondsLater * 1000);
const during = at(1800);

const auction = (overrides: Partial<Auction> = {}): Auction => auctionFixture({ id: `auction-${randomUUID()}`, listingId: `listing-${randomUUID()}`, ...overrides });

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
  beforeEach(async () => {
    ({ state, other } = await makeStates());
  });

  async function stored(overrides: Partial<Auction> = {}): Promise<Auction> {
    const initial = auction(overrides);
    await state.put(initial);
    return initial;
  }

  it('put then get answers the auction as stored, Dates as Dates; unknown ids answer null', async () => {
    const initial = auction({ reservePrice: eur(5000) });
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
    const first = await state.bid(initial.id, { bidderId: 'b1', price: 1000, maxPrice: 1500 }, during);
    expect(first).toEqual({ outcome: 'leading', sequence: 1, previousLeaderId: null, auction: placeBid(initial, { bidderId: 'b1', price: 1000, maxPrice: 1500 }, during).auction });
    const second = await other.bid(initial.id, { bidderId: 'b2', price: 1200 }, during);
    expect(second.sequence).toBe(2);
    expect(second.outcome).toBe('outbid');
    expect(second.previousLeaderId).toBe('b1');
    expect((await state.bid(initial.id, { bidderId: 'b3', price: 2000 }, during)).previousLeaderId).toBe('b1');
    expect(second.auction).toMatchObject({ currentPrice: eur(1300), leadingBidderId: 'b1', bidCount: 2 });
    expect(second.auction.endsAt).toBeInstanceOf(Date);
    expect(await state.get(initial.id)).toMatchObject({ leadingBidderId: 'b3', bidCount: 3 });
  });

  it('a too-low bid throws AUCTION_BID_TOO_LOW and changes nothing', async () => {
    const initial = await stored();
    await state.bid(initial.id, { bidderId: 'b1', price: 1000 }, during);
    const before = await state.get(initial.id);
    await expect(state.bid(initial.id, { bidderId: 'b2', price: 1050 }, during)).rejects.toMatchObject({
      code: 'AUCTION_BID_TOO_LOW',
      details: { minimum: 1100 },
    });
    await expect(other.bid(initial.id, { bidderId: 'b2', price: 1050 }, during)).rejects.toBeInstanceOf(DomainError);
    expect(await state.get(initial.id)).toEqual(before);
    expect((await state.bid(initial.id, { bidderId: 'b2', price: 1100 }, during)).sequence).toBe(2);
  });

  it('other domain errors propagate unchanged: the seller, outside the live window', async () => {
    const initial = await stored();
    expect(await codeOf(state.bid(initial.id, { bidderId: 'seller', price: 2000 }, during))).toBe('AUCTION_SELLER_CANNOT_BID');
    expect(await codeOf(state.bid(initial.id, { bidderId: 'b1', price: 2000 }, at(-1)))).toBe('AUCTION_NOT_LIVE');
    expect(await codeOf(state.bid(initial.id, { bidderId: 'b1', price: 2000 }, end))).toBe('AUCTION_NOT_LIVE');
    expect(await codeOf(state.bid(initial.id, { bidderId: 'b1', price: 2000, maxPrice: 1500 }, during))).toBe('AUCTION_MAX_BELOW_PRICE');
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
        return random() < 0.3 ? { bidderId, price, maxPrice: price + Math.floor(random() * 20) * 50 } : { bidderId, price };
      });
      const results = await Promise.all(
        requests.map(async (request, index) => {
          try {
            return { request, accepted: await (index % 2 === 0 ? state : other).bid(initial.id, request, during) };
          } catch (error) {
            return { request, error };
          }
        }),
      );
      const accepted = results
        .flatMap((result) => ('accepted' in result ? [{ request: result.request, accepted: result.accepted as AcceptedBid }] : []))
        .sort((a, b) => a.accepted.sequence - b.accepted.sequence);
      const rejected = results.filter((result) => 'error' in result);
      const context = `round ${round}`;
      expect(accepted.length, `${context}: some bids accepted`).toBeGreaterThan(10);
      expect(rejected.length, `${context}: some bids refused`).toBeGreaterThan(0);
      expect(
        accepted.map((bid) => bid.accepted.sequence),
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
        expect(step.outcome, `${context}, sequence ${answer.sequence}`).toBe(answer.outcome);
        expect(answer.auction, `${context}, sequence ${answer.sequence}`).toEqual(step.auction);
        replayed = step.auction;
      }
      const final = await state.get(initial.id);
      expect(final, context).toEqual(replayed);
      expect(final?.bidCount, context).toBe(accepted.length);
      expect(accepted.length + rejected.length, context).toBe(requests.length);
    }
  });

  it('closeIfDue: null before endsAt, the closed auction once at endsAt, null afterwards', async () => {
    const initial = await stored({ reservePrice: eur(1500) });
    await state.bid(initial.id, { bidderId: 'b1', price: 1600 }, during);
    expect(await state.closeIfDue(initial.id, at(3599))).toBeNull();
    expect((await state.get(initial.id))?.status).toBe('live');
    const closed = await state.closeIfDue(initial.id, end);
    expect(closed).toMatchObject({ id: initial.id, status: 'ended', winnerId: 'b1', currentPrice: eur(1600) });
    expect(closed?.endsAt).toEqual(end);
    expect(await state.get(initial.id)).toEqual(closed);
    expect(await state.closeIfDue(initial.id, at(4000))).toBeNull();
    expect(await other.closeIfDue(initial.id, at(4000))).toBeNull();
    expect(await codeOf(state.bid(initial.id, { bidderId: 'b2', price: 5000 }, during))).toBe('AUCTION_NOT_LIVE');
    expect(await state.get(initial.id)).toEqual(closed);
  });

  it('closeIfDue after endsAt closes without a winner below the reserve; unknown and cancelled auctions answer null', async () => {
    const initial = await stored({ reservePrice: eur(5000) });
    await state.bid(initial.id, { bidderId: 'b1', price: 1000 }, during);
    expect(await state.closeIfDue(initial.id, at(7200))).toMatchObject({ status: 'ended', winnerId: null });
    expect(await state.closeIfDue(`auction-${randomUUID()}`, at(7200))).toBeNull();
    const cancelled = await stored({ status: 'cancelled' });
    expect(await state.closeIfDue(cancelled.id, at(7200))).toBeNull();
    expect(await state.get(cancelled.id)).toEqual(cancelled);
  });

  it('of 10 racing closeIfDue calls exactly one gets the closed auction', async () => {
    for (let round = 0; round < 10; round += 1) {
      const initial = await stored();
      await state.bid(initial.id, { bidderId: 'b1', price: 1000 }, during);
      const answers = await Promise.all(Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? state : other).closeIfDue(initial.id, end)));
      const closed = answers.filter((answer) => answer !== null);
      expect(closed).toHaveLength(1);
      expect(closed[0]).toMatchObject({ status: 'ended', winnerId: 'b1', bidCount: 1 });
      expect(await state.get(initial.id)).toEqual(closed[0]);
    }
  });

  it('closeIfDue before the end racing bids closes nothing and loses no bid', async () => {
    const initial = await stored();
    const results = await Promise.all([
      ...Array.from({ length: 10 }, (_, index) => codeOf((index % 2 === 0 ? state : other).bid(initial.id, { bidderId: `b${index}`, price: 1000 + index * 1000 }, at(3599)))),
      other.closeIfDue(initial.id, at(3599)).then(() => 'not due'),
    ]);
    expect(results.at(-1)).toBe('not due');
    const final = await state.closeIfDue(initial.id, end);
    const codes = results.slice(0, -1);
    expect(final?.bidCount).toBe(codes.filter((code) => code === 'ok').length);
    expect(codes.every((code) => code === 'ok' || code === 'AUCTION_BID_TOO_LOW')).toBe(true);
  });

  it('a bid that extended endsAt (anti-sniping) postpones closing to the new end', async () => {
    const initial = await stored({ antiSnipingSeconds: 120, maxExtensionSeconds: 600 });
    const late = at(3590); // 10 s before the end
    const accepted = await state.bid(initial.id, { bidderId: 'b1', price: 1000 }, late);
    const extended = at(3590 + 120);
    expect(accepted.auction.endsAt).toEqual(extended);
    expect(accepted.auction.scheduledEndsAt).toEqual(end);
    expect(await state.closeIfDue(initial.id, end)).toBeNull();
    expect(await other.closeIfDue(initial.id, at(3709))).toBeNull();
    expect(await state.bid(initial.id, { bidderId: 'b2', price: 1100 }, at(3650))).toMatchObject({ sequence: 2 });
    expect(await state.closeIfDue(initial.id, extended)).toBeNull(); // the second bid extended it again
    const closed = await other.closeIfDue(initial.id, at(3650 + 120));
    expect(closed).toMatchObject({ status: 'ended', winnerId: 'b2', endsAt: at(3770) });
  });

  it("cancel: the seller's cancel racing the first bids either wins before any bid or is refused; never both", async () => {
    for (let round = 0; round < 10; round += 1) {
      const initial = await stored();
      const results = await Promise.all([
        codeOf(state.bid(initial.id, { bidderId: 'b1', price: 1000 }, during)),
        codeOf(other.cancel(initial.id, { isSeller: true, isAdmin: false }, during)),
        codeOf(state.bid(initial.id, { bidderId: 'b2', price: 1000 }, during)),
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
    await state.bid(initial.id, { bidderId: 'b1', price: 1000 }, during);
    expect(await other.cancel(initial.id, { isSeller: false, isAdmin: true }, during)).toMatchObject({ status: 'cancelled', bidCount: 1 });
    expect(await codeOf(state.bid(initial.id, { bidderId: 'b2', price: 2000 }, during))).toBe('AUCTION_NOT_LIVE');
    expect(await state.closeIfDue(initial.id, at(7200))).toBeNull();
    const ended = await stored();
    await state.closeIfDue(ended.id, end);
    expect(await codeOf(state.cancel(ended.id, { isSeller: false, isAdmin: true }, end))).toBe('AUCTION_NOT_LIVE');
    await expect(state.cancel(`auction-${randomUUID()}`, { isSeller: false, isAdmin: true }, during)).rejects.toBeInstanceOf(AuctionNotHeldError);
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
    const answer = await state.bid(kept.id, { bidderId: 'b1', price: 1000 }, during);
    answer.auction.currentPrice.amount = 99_999;
    answer.auction.endsAt.setTime(0);
    expect(await state.get(kept.id)).toEqual(placeBid(kept, { bidderId: 'b1', price: 1000 }, during).auction);
  });
}
