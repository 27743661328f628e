import { DomainError } from '../shared/domain-error.js';
import type { Money } from '../shared/money.js';

export type AuctionStatus = 'scheduled' | 'live' | 'ended' | 'cancelled';

export interface Auction {
  id: string;
  listingId: string;
  sellerId: string;
  /** The listing's title when the auction was created (the winner's order item shows it). */
  title: string;
  startingPrice: Money;
  minIncrement: Money;
  reservePrice?: Money;
  /** The visible price: what the leader pays if the auction ended now. */
  currentPrice: Money;
  leadingBidderId: string | null;
  /** The leader's proxy maximum, never shown to anyone else. */
  leaderMaxAmount: number | null;
  bidCount: number;
  startsAt: Date;
  endsAt: Date;
  /** endsAt as first set: anti-sniping extensions are capped relative to it. */
  scheduledEndsAt: Date;
  antiSnipingSeconds: number;
  maxExtensionSeconds: number;
  status: AuctionStatus;
  winnerId?: string | null;
  /** The winner's order, once the orders module has created it. */
  orderId?: string;
  createdAt: Date;
}

export interface BidRequest {
  bidderId: string;
  /** The amount bid now (minor units of the auction's currency). */
  price: number;
  /** Proxy bidding: the system bids for this bidder up to this amount. */
  maxPrice?: number;
  /** The currency of price and maxPrice, when the caller names one: it must be the auction's. */
  currency?: string;
}

export type BidOutcome = 'leading' | 'outbid';

export const auctionErrors = {
  notLive: (status: AuctionStatus) => new DomainError('conflict', 'AUCTION_NOT_LIVE', `the auction is ${status}`, { auctionStatus: status }),
  tooLow: (minimum: number, current: Money) =>
    new DomainError('conflict', 'AUCTION_BID_TOO_LOW', `the bid must be at least ${minimum}`, { minimum, currentPrice: current }),
  sellerBid: () => new DomainError('forbidden', 'AUCTION_SELLER_CANNOT_BID', 'the seller cannot bid on their own auction'),
  maxBelowPrice: () => new DomainError('invalid', 'AUCTION_MAX_BELOW_PRICE', 'maxPrice must be at least price', { errors: [{ path: 'body.maxPrice', message: 'must be at least price' }] }),
  wrongCurrency: (currency: string) =>
    new DomainError('invalid', 'AUCTION_WRONG_CURRENCY', `bids on this auction are in ${currency}`, { errors: [{ path: 'body.price.currency', message: `must be ${currency}` }] }),
  invalidTerms: (errors: { path: string; message: string }[]) => new DomainError('invalid', 'AUCTION_INVALID_TERMS', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors }),
  cannotCancel: () => new DomainError('conflict', 'AUCTION_CANNOT_CANCEL', 'an auction can be cancelled by its seller only before the first bid'),
};

const money = (amount: number, like: Money): Money => ({ amount, currency: like.currency });

/** The longest an auction may run, from its start to its first endsAt. */
export const MAX_AUCTION_DAYS = 30;

export interface AuctionTerms {
  id: string;
  listingId: string;
  sellerId: string;
  title: string;
  /** The listing's currency: every price of the auction is in it. */
  currency: string;
  startingPrice: Money;
  minIncrement: Money;
  reservePrice?: Money;
  /** Absent: live at once. */
  startsAt?: Date;
  endsAt: Date;
  antiSnipingSeconds: number;
  maxExtensionSeconds: number;
}

function termProblems(terms: AuctionTerms, startsAt: Date, now: Date): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  for (const field of ['startingPrice', 'minIncrement', 'reservePrice'] as const) {
    const price = terms[field];
    if (price && price.currency !== terms.currency) problems.push({ path: `body.${field}.currency`, message: `must be the listing's currency ${terms.currency}` });
  }
  if (terms.minIncrement.amount < 1) problems.push({ path: 'body.minIncrement.amount', message: 'must be at least 1' });
  if (terms.reservePrice && terms.reservePrice.amount < terms.startingPrice.amount) problems.push({ path: 'body.reservePrice.amount', message: 'must be at least startingPrice' });
  if (terms.startsAt && terms.startsAt.getTime() < now.getTime() - 60_000) problems.push({ path: 'body.startsAt', message: 'must not be in the past' });
  if (terms.endsAt <= startsAt || terms.endsAt <= now) problems.push({ path: 'body.endsAt', message: 'must be after startsAt and in the future' });
  if (terms.endsAt.getTime() - startsAt.getTime() > MAX_AUCTION_DAYS * 86_400_000) problems.push({ path: 'body.endsAt', message: `an auction runs at most ${MAX_AUCTION_DAYS} days` });
  return problems;
}

/**
 * A new auction from the seller's terms: prices in the listing's currency, a reserve not under the
 * starting price, an end after the start and in the future. Without startsAt (or with one already
 * reached) it is live at once.
 */
export function openAuction(terms: AuctionTerms, now: Date): Auction {
  const startsAt = terms.startsAt && terms.startsAt > now ? terms.startsAt : now;
  const problems = termProblems(terms, startsAt, now);
  if (problems.length > 0) throw auctionErrors.invalidTerms(problems);
  const { currency: _currency, startsAt: _startsAt, reservePrice, ...rest } = terms;
  return {
    ...rest,
    ...(reservePrice ? { reservePrice } : {}),
    currentPrice: { ...terms.startingPrice },
    leadingBidderId: null,
    leaderMaxAmount: null,
    bidCount: 0,
    startsAt,
    scheduledEndsAt: terms.endsAt,
    status: startsAt > now ? 'scheduled' : 'live',
    createdAt: now,
  };
}

/** The status the auction has at `at` by its dates alone (the timer moves the stored one). */
export function statusAt(auction: Auction, at: Date): AuctionStatus {
  if (auction.status === 'cancelled' || auction.status === 'ended') return auction.status;
  if (at < auction.startsAt) return 'scheduled';
  return at < auction.endsAt ? 'live' : 'ended';
}

/** The least a bid may be now: the starting price for the first bid, then current + increment. */
export function minimumBid(auction: Auction): number {
  return auction.leadingBidderId === null ? auction.startingPrice.amount : auction.currentPrice.amount + auction.minIncrement.amount;
}

function extendForSniping(auction: Auction, at: Date): Date {
  const remaining = auction.endsAt.getTime() - at.getTime();
  const window = auction.antiSnipingSeconds * 1000;
  if (window === 0 || remaining >= window) return auction.endsAt;
  const cap = auction.scheduledEndsAt.getTime() + auction.maxExtensionSeconds * 1000;
  return new Date(Math.max(auction.endsAt.getTime(), Math.min(at.getTime() + window, cap)));
}

/** eBay-style proxy resolution between the current leader and a challenger. */
function resolve(auction: Auction, bid: Required<Omit<BidRequest, 'currency'>>): Pick<Auction, 'currentPrice' | 'leadingBidderId' | 'leaderMaxAmount'> & { outcome: BidOutcome } {
  const increment = auction.minIncrement.amount;
  const { leadingBidderId: leader, leaderMaxAmount: leaderMax } = auction;
  if (leader === null || leaderMax === null) {
    return { currentPrice: money(bid.price, auction.startingPrice), leadingBidderId: bid.bidderId, leaderMaxAmount: bid.maxPrice, outcome: 'leading' };
  }
  if (leader === bid.bidderId) {
    const current = Math.max(auction.currentPrice.amount, bid.price);
    return { currentPrice: money(current, auction.currentPrice), leadingBidderId: leader, leaderMaxAmount: Math.max(leaderMax, bid.maxPrice), outcome: 'leading' };
  }
  if (bid.maxPrice > leaderMax) {
    const current = Math.max(bid.price, Math.min(bid.maxPrice, leaderMax + increment));
    return { currentPrice: money(current, auction.currentPrice), leadingBidderId: bid.bidderId, leaderMaxAmount: bid.maxPrice, outcome: 'leading' };
  }
  // Equal or lower maximum: the earlier leader keeps the lead at the challenger's maximum plus the increment.
  const current = Math.max(bid.price, Math.min(leaderMax, bid.maxPrice + increment));
  return { currentPrice: money(current, auction.currentPrice), leadingBidderId: leader, leaderMaxAmount: leaderMax, outcome: 'outbid' };
}

/**
 * Judges and applies one bid against the true current state: live, not the seller, at least the
 * minimum, maxPrice >= price. An accepted bid in the last antiSnipingSeconds moves endsAt so that
 * many seconds remain (capped at scheduledEndsAt + maxExtensionSeconds).
 */
export function placeBid(auction: Auction, request: BidRequest, at: Date): { auction: Auction; outcome: BidOutcome } {
  const status = statusAt(auction, at);
  if (status !== 'live') throw auctionErrors.notLive(status);
  if (request.bidderId === auction.sellerId) throw auctionErrors.sellerBid();
  if (request.currency !== undefined && request.currency !== auction.startingPrice.currency) throw auctionErrors.wrongCurrency(auction.startingPrice.currency);
  const maxPrice = request.maxPrice ?? request.price;
  if (maxPrice < request.price) throw auctionErrors.maxBelowPrice();
  const leaderRaisingOwnMax = request.bidderId === auction.leadingBidderId;
  const minimum = leaderRaisingOwnMax ? auction.currentPrice.amount : minimumBid(auction);
  if (request.price < minimum) throw auctionErrors.tooLow(minimum, auction.currentPrice);
  const { outcome, ...resolved } = resolve(auction, { bidderId: request.bidderId, price: request.price, maxPrice });
  return { auction: { ...auction, ...resolved, status: 'live', bidCount: auction.bidCount + 1, endsAt: extendForSniping(auction, at) }, outcome };
}

/** Closes the auction: the leader wins if the price reached the reserve, else nobody does. */
export function closeAuction(auction: Auction): Auction {
  if (auction.status === 'ended' || auction.status === 'cancelled') throw auctionErrors.notLive(auction.status);
  const reserveMet = auction.reservePrice === undefined || auction.currentPrice.amount >= auction.reservePrice.amount;
  return { ...auction, status: 'ended', winnerId: reserveMet ? auction.leadingBidderId : null };
}

export interface CancelledBy {
  isSeller: boolean;
  isAdmin: boolean;
}

/** The seller before the first bid, or an admin before the end. */
export function cancelAuction(auction: Auction, by: CancelledBy, at: Date): Auction {
  const status = statusAt(auction, at);
  if (status === 'ended' || status === 'cancelled') throw auctionErrors.notLive(status);
  if (!by.isAdmin && !(by.isSeller && auction.bidCount === 0)) throw auctionErrors.cannotCancel();
  return { ...auction, status: 'cancelled' };
}
