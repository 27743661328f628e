import { describe, expect, it } from 'vitest';
import {
  firstMemory,
  humanLeadMs,
  inSnipingWindow,
  planBotBid,
  shouldOpenAuction,
  type AuctionMemory,
  type BotPace,
  type Random,
} from '../../../src/adapters/demo/bot-strategy.js';
import type { Auction } from '../../../src/domain/auctions/auction.js';
import { AUCTION_END, AUCTION_START, auctionFixture, eur } from '../../support/auction-fixture.js';

/** Dice that roll `values` in turn, over and over. */
const dice =
  (...values: number[]): Random =>
  () => {
    const value = values.shift()!;
    values.push(value);
    return value;
  };
const pace: BotPace = { intervalMs: 4_000, maxExtensions: 2 };
const bots = ['bot1', 'bot2', 'bot3'];
const at = (msAfterStart: number) => new Date(AUCTION_START.getTime() + msAfterStart);
const memory = (overrides: Partial<AuctionMemory> = {}): AuctionMemory => ({
  nextBidAt: AUCTION_START.getTime(),
  humanLead: null,
  extensions: 0,
  ...overrides,
});
const led = (by: string, overrides: Partial<Auction> = {}) =>
  auctionFixture({ leadingBidderId: by, currentPrice: eur(1500), bidCount: 3, ...overrides });
/** Plain bid at the minimum, by the first bot the dice pick (0 picks the first candidate). */
const plainDice = () => dice(0, 0.5, 0.5, 0.5);

describe('the bots’ first look at an auction', () => {
  it('plans the first bid about one interval (a quarter either way) after now', () => {
    const now = at(0);
    expect(firstMemory(auctionFixture(), now, pace, () => 0).nextBidAt).toBe(now.getTime() + 3_000);
    expect(firstMemory(auctionFixture(), now, pace, () => 0.999).nextBidAt).toBeCloseTo(now.getTime() + 5_000, -1);
  });

  it('gives no extension to an auction extended already (a restart never prolongs it further)', () => {
    const extended = auctionFixture({ endsAt: new Date(AUCTION_END.getTime() + 10_000) });
    expect(firstMemory(extended, at(0), pace, () => 0.5).extensions).toBe(2);
    expect(firstMemory(auctionFixture(), at(0), pace, () => 0.5).extensions).toBe(0);
  });
});

describe('planBotBid', () => {
  it('waits for its turn, then one bot bids and the next turn is an interval later', () => {
    const remembered = memory({ nextBidAt: at(4_000).getTime() });
    expect(planBotBid(auctionFixture(), at(3_999), bots, remembered, pace, plainDice()).bid).toBeNull();
    const plan = planBotBid(auctionFixture(), at(4_000), bots, remembered, pace, plainDice());
    expect(plan.bid).toEqual({ bidderId: 'bot1', price: 1000, extends: false });
    expect(plan.memory.nextBidAt).toBe(at(4_000).getTime() + 4_000);
  });

  it('never bids on an auction that is not live at now', () => {
    const remembered = memory();
    expect(planBotBid(auctionFixture(), AUCTION_END, bots, remembered, pace, plainDice()).bid).toBeNull();
    expect(planBotBid(auctionFixture({ status: 'ended' }), at(1), bots, remembered, pace, plainDice()).bid).toBeNull();
    const scheduled = auctionFixture({ status: 'scheduled', startsAt: at(60_000) });
    expect(planBotBid(scheduled, at(1), bots, remembered, pace, plainDice()).bid).toBeNull();
  });

  it('lets a bot that is not leading bid: the leader never bids against itself', () => {
    for (const roll of [0, 0.5, 0.999]) {
      const plan = planBotBid(led('bot2'), at(1), ['bot1', 'bot2'], memory(), pace, dice(roll, 0.5, 0.5, 0.5));
      expect(plan.bid?.bidderId).toBe('bot1');
    }
    expect(planBotBid(led('bot1'), at(1), ['bot1'], memory(), pace, plainDice()).bid).toBeNull();
  });

  it('bids the starting price first, then the current price plus the increment, sometimes one increment more', () => {
    expect(planBotBid(auctionFixture(), at(1), bots, memory(), pace, plainDice()).bid?.price).toBe(1000);
    expect(planBotBid(led('bot1'), at(1), bots, memory(), pace, plainDice()).bid?.price).toBe(1600);
    const raise = dice(0, 0.5, 0.1, 0.5);
    expect(planBotBid(led('bot1'), at(1), bots, memory(), pace, raise).bid).toMatchObject({ price: 1700 });
  });

  it('places proxy bids whose maximum is two to four increments above the price', () => {
    const lowest = planBotBid(led('bot1'), at(1), bots, memory(), pace, dice(0, 0.1, 0, 0.5)).bid;
    expect(lowest).toMatchObject({ price: 1600, maxPrice: 1800 });
    const highest = planBotBid(led('bot1'), at(1), bots, memory(), pace, dice(0, 0.1, 0.999, 0.5)).bid;
    expect(highest).toMatchObject({ price: 1600, maxPrice: 2000 });
  });

  it('leaves a human leader leading for two intervals, at least six seconds, before a bot outbids them', () => {
    const first = planBotBid(led('alice'), at(1_000), bots, memory(), pace, plainDice());
    expect(first.bid).toBeNull();
    expect(first.memory.humanLead).toEqual({ bidderId: 'alice', since: at(1_000).getTime() });
    expect(planBotBid(led('alice'), at(8_999), bots, first.memory, pace, plainDice()).bid).toBeNull();
    expect(planBotBid(led('alice'), at(9_000), bots, first.memory, pace, plainDice()).bid).not.toBeNull();
    expect(humanLeadMs({ intervalMs: 1_000, maxExtensions: 2 })).toBe(6_000);
  });

  it('gives a new human leader their own time, and forgets it once a bot leads', () => {
    const alice = planBotBid(led('alice'), at(0), bots, memory(), pace, plainDice()).memory;
    const bob = planBotBid(led('bob'), at(7_000), bots, alice, pace, plainDice());
    expect(bob.bid).toBeNull();
    expect(bob.memory.humanLead).toEqual({ bidderId: 'bob', since: at(7_000).getTime() });
    expect(planBotBid(led('bot1'), at(7_500), bots, bob.memory, pace, plainDice()).memory.humanLead).toBeNull();
  });

  describe('in the anti-sniping window', () => {
    const endsAt = at(60_000);
    const sniped = (overrides: Partial<Auction> = {}) =>
      led('bot1', { endsAt, scheduledEndsAt: endsAt, antiSnipingSeconds: 30, ...overrides });

    it('knows the window: the last antiSnipingSeconds, none when it is 0', () => {
      expect(inSnipingWindow(sniped(), at(30_000))).toBe(false);
      expect(inSnipingWindow(sniped(), at(30_001))).toBe(true);
      expect(inSnipingWindow(sniped({ antiSnipingSeconds: 0 }), at(59_000))).toBe(false);
    });

    it('bids once half the window is left, a bid that extends the auction', () => {
      expect(planBotBid(sniped(), at(44_999), bots, memory(), pace, plainDice()).bid).toBeNull();
      const plan = planBotBid(sniped(), at(45_000), bots, memory(), pace, plainDice());
      expect(plan.bid).toMatchObject({ extends: true });
      expect(plan.memory.extensions).toBe(1);
    });

    it('stops at the cap of extensions, so the auction ends', () => {
      const capped = memory({ extensions: 2 });
      expect(planBotBid(sniped(), at(50_000), bots, capped, pace, plainDice()).bid).toBeNull();
      expect(planBotBid(sniped(), at(59_999), bots, capped, pace, plainDice()).bid).toBeNull();
    });

    it('still gives a human leader their time, even if the auction ends meanwhile', () => {
      const human = memory({ humanLead: { bidderId: 'alice', since: at(44_000).getTime() } });
      expect(
        planBotBid(sniped({ leadingBidderId: 'alice' }), at(50_000), bots, human, pace, plainDice()).bid,
      ).toBeNull();
    });
  });
});

describe('shouldOpenAuction', () => {
  const now = at(0);
  const endingIn = (seconds: number) => ({ endsAt: new Date(now.getTime() + seconds * 1000) });

  it('opens one when none runs, ended ones not counting', () => {
    expect(shouldOpenAuction([], now, 180)).toBe(true);
    expect(shouldOpenAuction([endingIn(0), endingIn(-10)], now, 180)).toBe(true);
  });

  it('opens a second once the one running is halfway through', () => {
    expect(shouldOpenAuction([endingIn(91)], now, 180)).toBe(false);
    expect(shouldOpenAuction([endingIn(90)], now, 180)).toBe(true);
  });

  it('never opens a third', () => {
    expect(shouldOpenAuction([endingIn(10), endingIn(100)], now, 180)).toBe(false);
  });
});
