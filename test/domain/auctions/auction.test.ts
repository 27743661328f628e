import { describe, expect, it } from 'vitest';
import {
  aliasOf,
  buyItNowAvailable,
  buyNow,
  cancelAuction,
  closeAuction,
  isDue,
  isEarlierState,
  isFinal,
  isNewerState,
  isReserveMet,
  placeBid,
  statusAt,
  type Auction,
  type AuctionStatus,
  type BidRequest,
} from '../../../src/domain/auctions/auction.js';
import { openAuction } from '../../../src/domain/auctions/auction-terms.js';
import { codeOf } from '../../support/domain-errors.js';
import { AUCTION_END, auctionFixture, eur } from '../../support/auction-fixture.js';

const end = AUCTION_END;
const auction = auctionFixture;
const during = new Date('2026-03-01T10:30:00Z');

function run(bids: BidRequest[], base = auction()) {
  let state = base;
  const outcomes = [];
  for (const bid of bids) {
    const result = placeBid(state, bid, during);
    state = result.auction;
    outcomes.push(result.outcome);
  }
  return { state, outcomes };
}

describe('bids without proxy', () => {
  it('takes a first bid at the starting price, then each at current + increment', () => {
    const { state } = run([
      { bidderId: 'b1', price: 1000 },
      { bidderId: 'b2', price: 1100 },
      { bidderId: 'b1', price: 1500 },
    ]);
    expect(state).toMatchObject({ currentPrice: eur(1500), leadingBidderId: 'b1', bidCount: 3 });
  });

  it('refuses too low, the seller, and outside the live window', () => {
    expect(codeOf(() => placeBid(auction(), { bidderId: 'b1', price: 999 }, during))).toBe('AUCTION_BID_TOO_LOW');
    const led = run([{ bidderId: 'b1', price: 1000 }]).state;
    expect(codeOf(() => placeBid(led, { bidderId: 'b2', price: 1099 }, during))).toBe('AUCTION_BID_TOO_LOW');
    expect(codeOf(() => placeBid(led, { bidderId: 'seller', price: 5000 }, during))).toBe('AUCTION_SELLER_CANNOT_BID');
    expect(codeOf(() => placeBid(auction(), { bidderId: 'b1', price: 1000 }, new Date('2026-03-01T09:59:59Z')))).toBe(
      'AUCTION_NOT_LIVE',
    );
    expect(codeOf(() => placeBid(auction(), { bidderId: 'b1', price: 1000 }, end))).toBe('AUCTION_NOT_LIVE');
    expect(codeOf(() => placeBid(auction(), { bidderId: 'b1', price: 2000, maxPrice: 1500 }, during))).toBe(
      'AUCTION_MAX_BELOW_PRICE',
    );
  });
});

describe('proxy bidding (eBay style)', () => {
  // [bids, expected price, expected leader, expected outcomes]
  const table: [string, BidRequest[], number, string, string[]][] = [
    [
      'a proxy leader is pushed to the challenger + increment',
      [
        { bidderId: 'b1', price: 1000, maxPrice: 3000 },
        { bidderId: 'b2', price: 1500 },
      ],
      1600,
      'b1',
      ['leading', 'outbid'],
    ],
    [
      'a higher proxy takes the lead at the old max + increment',
      [
        { bidderId: 'b1', price: 1000, maxPrice: 2000 },
        { bidderId: 'b2', price: 1100, maxPrice: 5000 },
      ],
      2100,
      'b2',
      ['leading', 'leading'],
    ],
    [
      'equal maxima: the earlier bidder keeps the lead',
      [
        { bidderId: 'b1', price: 1000, maxPrice: 2000 },
        { bidderId: 'b2', price: 1100, maxPrice: 2000 },
      ],
      2000,
      'b1',
      ['leading', 'outbid'],
    ],
    [
      'the price never exceeds the leader max',
      [
        { bidderId: 'b1', price: 1000, maxPrice: 2050 },
        { bidderId: 'b2', price: 2000 },
      ],
      2050,
      'b1',
      ['leading', 'outbid'],
    ],
    [
      'a challenger just above the max wins at its own max',
      [
        { bidderId: 'b1', price: 1000, maxPrice: 2000 },
        { bidderId: 'b2', price: 1100, maxPrice: 2050 },
      ],
      2050,
      'b2',
      ['leading', 'leading'],
    ],
    [
      'a chain of proxies',
      [
        { bidderId: 'b1', price: 1000, maxPrice: 1500 },
        { bidderId: 'b2', price: 1100, maxPrice: 2500 },
        { bidderId: 'b3', price: 1700, maxPrice: 2200 },
        { bidderId: 'b1', price: 2600 },
      ],
      2600,
      'b1',
      ['leading', 'leading', 'outbid', 'leading'],
    ],
  ];

  for (const [name, bids, price, leader, outcomes] of table) {
    it(name, () => {
      const result = run(bids);
      expect(result.state.currentPrice.amount).toBe(price);
      expect(result.state.leadingBidderId).toBe(leader);
      expect(result.outcomes).toEqual(outcomes);
    });
  }
});

describe('anti-sniping', () => {
  const sniping = auction({ antiSnipingSeconds: 120, maxExtensionSeconds: 300 });

  it('moves endsAt so that antiSnipingSeconds remain after a late bid', () => {
    const at = new Date(end.getTime() - 30_000);
    expect(placeBid(sniping, { bidderId: 'b1', price: 1000 }, at).auction.endsAt).toEqual(
      new Date(at.getTime() + 120_000),
    );
  });

  it('leaves an early bid alone and caps the total extension', () => {
    expect(placeBid(sniping, { bidderId: 'b1', price: 1000 }, during).auction.endsAt).toEqual(end);
    const extended = { ...sniping, endsAt: new Date(end.getTime() + 290_000) };
    const at = new Date(end.getTime() + 280_000);
    expect(placeBid(extended, { bidderId: 'b1', price: 1000 }, at).auction.endsAt).toEqual(
      new Date(end.getTime() + 300_000),
    );
  });
});

describe('closing and cancelling', () => {
  it('gives the win to the leader when the reserve is met, to nobody below it', () => {
    const { state } = run([{ bidderId: 'b1', price: 1500 }], auction({ reservePrice: eur(2000) }));
    expect(closeAuction(state)).toMatchObject({ status: 'ended', winnerId: null });
    expect(
      closeAuction(run([{ bidderId: 'b1', price: 2000 }], auction({ reservePrice: eur(2000) })).state),
    ).toMatchObject({ winnerId: 'b1' });
    expect(closeAuction(auction())).toMatchObject({ winnerId: null });
  });

  it('closes exactly once', () => {
    const closed = closeAuction(auction());
    expect(codeOf(() => closeAuction(closed))).toBe('AUCTION_NOT_LIVE');
  });

  it('lets the seller cancel before the first bid only; an admin until the end', () => {
    const seller = { isSeller: true, isAdmin: false };
    expect(cancelAuction(auction(), seller, during).status).toBe('cancelled');
    const bid = run([{ bidderId: 'b1', price: 1000 }]).state;
    expect(codeOf(() => cancelAuction(bid, seller, during))).toBe('AUCTION_CANNOT_CANCEL');
    expect(cancelAuction(bid, { isSeller: false, isAdmin: true }, during).status).toBe('cancelled');
    expect(codeOf(() => cancelAuction(bid, { isSeller: false, isAdmin: true }, end))).toBe('AUCTION_NOT_LIVE');
  });

  it('reads the status from the dates', () => {
    const scheduled = auction({ status: 'scheduled' });
    expect(statusAt(scheduled, new Date('2026-03-01T09:00:00Z'))).toBe('scheduled');
    expect(statusAt(scheduled, during)).toBe('live');
    expect(statusAt(scheduled, end)).toBe('ended');
  });
});

describe('the reserve (eBay): the price rises to the reserve once a maximum reaches it', () => {
  const reserved = () => auction({ reservePrice: eur(2000) });
  // [name, bids, price, leader, reserveMet, winner at the close]
  const table: [string, BidRequest[], number, string, boolean, string | null][] = [
    [
      'a lone bidder with maxPrice above the reserve wins at the reserve',
      [{ bidderId: 'b1', price: 1000, maxPrice: 3000 }],
      2000,
      'b1',
      true,
      'b1',
    ],
    [
      'a lone bidder with maxPrice at the reserve wins at the reserve',
      [{ bidderId: 'b1', price: 1000, maxPrice: 2000 }],
      2000,
      'b1',
      true,
      'b1',
    ],
    [
      'a lone bidder below the reserve stays at the bid, no winner',
      [{ bidderId: 'b1', price: 1000, maxPrice: 1999 }],
      1000,
      'b1',
      false,
      null,
    ],
    ['a lone bid above the reserve keeps its amount', [{ bidderId: 'b1', price: 2500 }], 2500, 'b1', true, 'b1'],
    [
      'two bidders below the reserve: proxy bidding alone',
      [
        { bidderId: 'b1', price: 1000, maxPrice: 1500 },
        { bidderId: 'b2', price: 1100, maxPrice: 1800 },
      ],
      1600,
      'b2',
      false,
      null,
    ],
    [
      'a challenger whose maximum crosses the reserve: the reserve',
      [
        { bidderId: 'b1', price: 1000, maxPrice: 1500 },
        { bidderId: 'b2', price: 1100, maxPrice: 5000 },
      ],
      2000,
      'b2',
      true,
      'b2',
    ],
    [
      'runner-up just below the reserve, leader just above: the reserve',
      [
        { bidderId: 'b1', price: 1000, maxPrice: 1800 },
        { bidderId: 'b2', price: 1100, maxPrice: 2050 },
      ],
      2000,
      'b2',
      true,
      'b2',
    ],
    [
      'a leader above the reserve challenged: proxy bidding above the reserve',
      [
        { bidderId: 'b1', price: 1000, maxPrice: 5000 },
        { bidderId: 'b2', price: 2100, maxPrice: 2400 },
      ],
      2500,
      'b1',
      true,
      'b1',
    ],
    [
      'the runner-up above the reserve: proxy bidding, higher than the reserve',
      [
        { bidderId: 'b1', price: 1000, maxPrice: 2500 },
        { bidderId: 'b2', price: 2100, maxPrice: 5000 },
      ],
      2600,
      'b2',
      true,
      'b2',
    ],
    [
      'equal maxima above the reserve: the earlier keeps the lead at that maximum',
      [
        { bidderId: 'b1', price: 1000, maxPrice: 3000 },
        { bidderId: 'b2', price: 2100, maxPrice: 3000 },
      ],
      3000,
      'b1',
      true,
      'b1',
    ],
    [
      'equal maxima below the reserve: no winner',
      [
        { bidderId: 'b1', price: 1000, maxPrice: 1900 },
        { bidderId: 'b2', price: 1100, maxPrice: 1900 },
      ],
      1900,
      'b1',
      false,
      null,
    ],
    [
      'the leader raising the maximum to the reserve: the reserve',
      [
        { bidderId: 'b1', price: 1000, maxPrice: 1500 },
        { bidderId: 'b1', price: 1000, maxPrice: 2000 },
      ],
      2000,
      'b1',
      true,
      'b1',
    ],
    [
      'the leader raising the maximum past the reserve: the reserve',
      [
        { bidderId: 'b1', price: 1000 },
        { bidderId: 'b2', price: 1100 },
        { bidderId: 'b2', price: 1100, maxPrice: 9000 },
      ],
      2000,
      'b2',
      true,
      'b2',
    ],
    [
      'the leader raising the maximum still below the reserve: the price stays',
      [
        { bidderId: 'b1', price: 1000 },
        { bidderId: 'b1', price: 1000, maxPrice: 1900 },
      ],
      1000,
      'b1',
      false,
      null,
    ],
  ];
  for (const [name, bids, price, leader, met, winner] of table) {
    it(name, () => {
      const { state } = run(bids, reserved());
      expect(state.currentPrice.amount).toBe(price);
      expect(state.leadingBidderId).toBe(leader);
      expect(isReserveMet(state)).toBe(met);
      expect(closeAuction(state).winnerId).toBe(winner);
    });
  }

  it('reserveMet is true without a reserve, false with one before any bid (even at a reserve equal to the starting price)', () => {
    expect(isReserveMet(auction())).toBe(true);
    expect(isReserveMet(auction({ reservePrice: eur(1000) }))).toBe(false);
    expect(isReserveMet(run([{ bidderId: 'b1', price: 1000 }], auction({ reservePrice: eur(1000) })).state)).toBe(true);
  });
});

describe("the leader's own request only raises their maximum", () => {
  const led = () =>
    run(
      [
        { bidderId: 'b1', price: 1000, maxPrice: 2000 },
        { bidderId: 'b2', price: 1100 },
      ],
      auction({ antiSnipingSeconds: 120, maxExtensionSeconds: 600 }),
    ).state;

  it('a maximum not above the current one is 409 AUCTION_BID_TOO_LOW naming the least new maximum', () => {
    const state = led();
    for (const request of [
      { bidderId: 'b1', price: 2000 },
      { bidderId: 'b1', price: 1300, maxPrice: 2000 },
      { bidderId: 'b1', price: 1200, maxPrice: 1500 },
    ]) {
      expect(() => placeBid(state, request, during)).toThrow(
        expect.objectContaining({ code: 'AUCTION_BID_TOO_LOW', details: { minimum: 2001, currentPrice: eur(1200) } }),
      );
    }
  });

  it('a higher maximum is a max_raise: same price, bidCount, endsAt and aliases; only the maximum moves', () => {
    const state = led();
    const late = new Date(end.getTime() - 10_000);
    const raised = placeBid(state, { bidderId: 'b1', price: 1000, maxPrice: 5000 }, late);
    expect(raised.kind).toBe('max_raise');
    expect(raised.outcome).toBe('leading');
    expect(raised.auction).toEqual({ ...state, leaderMaxAmount: 5000 });
    expect(placeBid(state, { bidderId: 'b1', price: 4000 }, during).auction.leaderMaxAmount).toBe(4000);
    // a challenger now meets the raised maximum
    expect(placeBid(raised.auction, { bidderId: 'b2', price: 3000 }, during).auction).toMatchObject({
      currentPrice: eur(3100),
      leadingBidderId: 'b1',
      bidCount: 3,
    });
  });

  it('the public history always rises by at least minIncrement: every accepted bid of a random run', () => {
    let state: Auction = auction({ reservePrice: eur(3000) });
    let lastBid = 0;
    for (let i = 0; i < 300; i += 1) {
      const bidderId = `b${i % 4}`;
      const price = 1000 + Math.floor(((i * 7919) % 97) * 50);
      try {
        const step = placeBid(state, { bidderId, price, maxPrice: price + ((i * 31) % 7) * 100 }, during);
        if (step.kind === 'bid') {
          if (lastBid > 0) expect(price).toBeGreaterThanOrEqual(lastBid + 100);
          lastBid = price;
        }
        state = step.auction;
      } catch (error) {
        expect((error as { code: string }).code).toBe('AUCTION_BID_TOO_LOW');
      }
    }
    expect(state.bidCount).toBeGreaterThan(3);
  });
});

describe('bidder aliases', () => {
  it('"Bidder n" in order of first bid; a raise or a new bid keeps the alias', () => {
    const { state } = run([
      { bidderId: 'b2', price: 1000 },
      { bidderId: 'b1', price: 1100 },
      { bidderId: 'b1', price: 1100, maxPrice: 3000 },
      { bidderId: 'b3', price: 1200 },
      { bidderId: 'b2', price: 3500 },
    ]);
    expect(state.bidders).toEqual(['b2', 'b1', 'b3']);
    expect([
      aliasOf(state, 'b2'),
      aliasOf(state, 'b1'),
      aliasOf(state, 'b3'),
      aliasOf(state, 'nobody'),
      aliasOf(state, null),
    ]).toEqual(['Bidder 1', 'Bidder 2', 'Bidder 3', null, null]);
  });
});

describe('Buy It Now', () => {
  const offer = (overrides: Partial<Auction> = {}) => auction({ buyItNowPrice: eur(5000), ...overrides });
  const bid = run([{ bidderId: 'b1', price: 1000 }], offer()).state;
  // [name, auction, at, available]
  const table: [string, Auction, Date, boolean][] = [
    ['live without bids', offer(), during, true],
    ['no Buy It Now price', auction(), during, false],
    ['after the first bid', bid, during, false],
    ['scheduled (before its start)', offer({ status: 'scheduled' }), new Date('2026-03-01T09:00:00Z'), false],
    ['scheduled whose start has come', offer({ status: 'scheduled' }), during, true],
    ['past its end', offer(), end, false],
    ['cancelled', offer({ status: 'cancelled' }), during, false],
    ['ended', offer({ status: 'ended' }), during, false],
  ];
  for (const [name, state, at, available] of table) {
    it(`${available ? 'available' : 'unavailable'}: ${name}`, () => {
      expect(buyItNowAvailable(state, statusAt(state, at))).toBe(available);
      if (available)
        expect(buyNow(state, 'buyer', 'order-1', at)).toMatchObject({
          status: 'ended',
          winnerId: 'buyer',
          currentPrice: eur(5000),
          orderId: 'order-1',
        });
      else expect(codeOf(() => buyNow(state, 'buyer', 'order-1', at))).toBe('AUCTION_BUY_NOW_UNAVAILABLE');
    });
  }

  it('ends at once with the buyer as winner and leader (alias Bidder 1), the reserve met; the seller cannot buy', () => {
    const bought = buyNow(offer({ reservePrice: eur(4000) }), 'buyer', 'order-1', during);
    expect(bought).toMatchObject({ endsAt: during, leadingBidderId: 'buyer', bidCount: 0, bidders: ['buyer'] });
    expect(isReserveMet(bought)).toBe(true);
    expect(aliasOf(bought, 'buyer')).toBe('Bidder 1');
    expect(codeOf(() => buyNow(bought, 'other', 'order-2', during))).toBe('AUCTION_BUY_NOW_UNAVAILABLE');
    expect(codeOf(() => placeBid(bought, { bidderId: 'b1', price: 9000 }, during))).toBe('AUCTION_NOT_LIVE');
    expect(codeOf(() => buyNow(offer(), 'seller', 'order-1', during))).toBe('AUCTION_SELLER_CANNOT_BUY');
  });

  it('its price is in the listing currency, at least the starting price and the reserve', () => {
    const terms = {
      id: 'a',
      listingId: 'l',
      sellerId: 's',
      title: 't',
      currency: 'EUR',
      startingPrice: eur(1000),
      minIncrement: eur(100),
      endsAt: end,
      antiSnipingSeconds: 0,
      maxExtensionSeconds: 0,
    };
    const now = new Date('2026-03-01T09:00:00Z');
    expect(openAuction({ ...terms, buyItNowPrice: eur(1000) }, now).buyItNowPrice).toEqual(eur(1000));
    const fields = (extra: object) => {
      try {
        openAuction({ ...terms, ...extra }, now);
        return [];
      } catch (error) {
        return (error as { details: { errors: { field: string }[] } }).details.errors.map((e) => e.field);
      }
    };
    expect(fields({ buyItNowPrice: eur(999) })).toEqual(['buyItNowPrice.amount']);
    expect(fields({ reservePrice: eur(3000), buyItNowPrice: eur(2999) })).toEqual(['buyItNowPrice.amount']);
    expect(fields({ buyItNowPrice: { amount: 5000, currency: 'USD' } })).toEqual(['buyItNowPrice.currency']);
  });
});

describe('isEarlierState (the stored auction never goes back)', () => {
  it('fewer bids, or as many and a lower leader maximum', () => {
    const one = run([{ bidderId: 'b1', price: 1000, maxPrice: 2000 }]).state;
    const raised = placeBid(one, { bidderId: 'b1', price: 1000, maxPrice: 3000 }, during).auction;
    const two = placeBid(raised, { bidderId: 'b2', price: 1100 }, during).auction;
    expect([isEarlierState(auction(), one), isEarlierState(one, raised), isEarlierState(raised, two)]).toEqual([
      true,
      true,
      true,
    ]);
    expect([isEarlierState(raised, one), isEarlierState(two, raised), isEarlierState(one, one)]).toEqual([
      false,
      false,
      false,
    ]);
  });
});

describe('isFinal and isDue (the close rule every live state applies)', () => {
  it.each<[AuctionStatus, boolean]>([
    ['scheduled', false],
    ['live', false],
    ['ended', true],
    ['cancelled', true],
  ])('%s is final: %s', (status, final) => {
    expect(isFinal(status)).toBe(final);
  });

  it.each<[string, Partial<Auction>, Date, boolean]>([
    ['live, before its end', {}, during, false],
    ['live, at its end', {}, end, true],
    ['live, after its end', {}, new Date(end.getTime() + 1), true],
    ['scheduled whose end has come', { status: 'scheduled' }, end, true],
    ['extended past the old end', { endsAt: new Date(end.getTime() + 60_000) }, end, false],
    ['ended', { status: 'ended' }, end, false],
    ['cancelled', { status: 'cancelled' }, end, false],
  ])('%s: due %s', (_name, overrides, at, due) => {
    expect(isDue(auction(overrides), at)).toBe(due);
  });
});

describe('isNewerState (the newer state wins in the stored auction)', () => {
  const one = run([{ bidderId: 'b1', price: 1000, maxPrice: 2000 }]).state;
  const raised = placeBid(one, { bidderId: 'b1', price: 1000, maxPrice: 3000 }, during).auction;
  const two = placeBid(raised, { bidderId: 'b2', price: 1100 }, during).auction;
  const closedAtOne = closeAuction(one);
  const closedAtTwo = closeAuction(two);
  it.each<[string, Auction, Auction, boolean]>([
    ['a later bid over the stored state', two, one, true],
    ['a raise of the maximum', raised, one, true],
    ['the same state again (the later saved wins)', one, one, true],
    ['an earlier state', one, two, false],
    ['a lower maximum with as many bids', one, raised, false],
    ['a final state with every bid over an open one', closedAtTwo, two, true],
    ['a final state over a later raise of as many bids', closedAtOne, raised, true],
    ['a final state with fewer bids', closedAtOne, two, false],
    ['anything over a final state', two, closedAtOne, false],
    ['a final state over a final state', closedAtTwo, closedAtTwo, false],
  ])('%s: %s', (_name, state, stored, newer) => {
    expect(isNewerState(state, stored)).toBe(newer);
  });
});
