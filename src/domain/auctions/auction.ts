import type { Money } from '../shared/money.js';
import { auctionErrors, type AuctionStatus } from './auction-errors.js';

export { auctionErrors, type AuctionStatus } from './auction-errors.js';

export interface Auction {
  id: string;
  listingId: string;
  sellerId: string;
  /** The listing's title when the auction was created (the winner's order item shows it). */
  title: string;
  startingPrice: Money;
  minIncrement: Money;
  reservePrice?: Money;
  /** Buy It Now: the price at which a buyer may end the auction at once, while it is live and has no bid. */
  buyItNowPrice?: Money;
  /** The visible price: what the leader pays if the auction ended now. */
  currentPrice: Money;
  leadingBidderId: string | null;
  /** The leader's proxy maximum, never shown to anyone else. */
  leaderMaxAmount: number | null;
  /** Bids in the public history (a leader's raise of their own maximum is not one). */
  bidCount: number;
  /**
   * Bidders' ids in the order of their first bid (a Buy It Now buyer too): `bidders[i]` is shown
   * as "Bidder i+1" (`aliasOf`). Part of the state, so that an alias is given atomically with the bid.
   */
  bidders: string[];
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

/** A bid in the public history, or the leader raising their own maximum (kept out of the history). */
export type BidKind = 'bid' | 'max_raise';

export interface AcceptedRequest {
  auction: Auction;
  outcome: BidOutcome;
  kind: BidKind;
}

const money = (amount: number, like: Money): Money => ({ amount, currency: like.currency });

/** Ended and cancelled auctions never change again (and free their listing); the others are open. */
export const FINAL_STATUSES: readonly AuctionStatus[] = ['ended', 'cancelled'];
export const OPEN_STATUSES: readonly AuctionStatus[] = ['scheduled', 'live'];

export function isFinal(status: AuctionStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** Not closed or cancelled yet, and its (possibly extended) end has come. */
export function isDue(auction: Auction, at: Date): boolean {
  return !isFinal(auction.status) && auction.endsAt.getTime() <= at.getTime();
}

/** The status the auction has at `at` by its dates alone (the timer moves the stored one). */
export function statusAt(auction: Auction, at: Date): AuctionStatus {
  if (isFinal(auction.status)) return auction.status;
  if (at < auction.startsAt) return 'scheduled';
  return at < auction.endsAt ? 'live' : 'ended';
}

/** The least a bid may be now: the starting price for the first bid, then current + increment. */
export function minimumBid(auction: Auction): number {
  return auction.leadingBidderId === null
    ? auction.startingPrice.amount
    : auction.currentPrice.amount + auction.minIncrement.amount;
}

function extendForSniping(auction: Auction, at: Date): Date {
  const remaining = auction.endsAt.getTime() - at.getTime();
  const window = auction.antiSnipingSeconds * 1000;
  if (window === 0 || remaining >= window) return auction.endsAt;
  const cap = auction.scheduledEndsAt.getTime() + auction.maxExtensionSeconds * 1000;
  return new Date(Math.max(auction.endsAt.getTime(), Math.min(at.getTime() + window, cap)));
}

type Resolved = Pick<Auction, 'currentPrice' | 'leadingBidderId' | 'leaderMaxAmount'> & { outcome: BidOutcome };

/**
 * The reserve rule: once the leader's maximum reaches the reserve, the price is at least the
 * reserve (never above that maximum, since the reserve is not).
 */
function meetReserve(auction: Auction, price: number, leaderMax: number): number {
  const reserve = auction.reservePrice?.amount;
  return reserve !== undefined && leaderMax >= reserve ? Math.max(price, reserve) : price;
}

/** eBay-style proxy resolution between the current leader (if any) and a challenger, then the reserve rule. */
function resolve(auction: Auction, bid: { bidderId: string; price: number; maxPrice: number }): Resolved {
  const increment = auction.minIncrement.amount;
  const { leadingBidderId: leader, leaderMaxAmount: leaderMax } = auction;
  let resolved: { leader: string; max: number; price: number; outcome: BidOutcome };
  if (leader === null || leaderMax === null)
    resolved = { leader: bid.bidderId, max: bid.maxPrice, price: bid.price, outcome: 'leading' };
  else if (bid.maxPrice > leaderMax) {
    resolved = {
      leader: bid.bidderId,
      max: bid.maxPrice,
      price: Math.max(bid.price, Math.min(bid.maxPrice, leaderMax + increment)),
      outcome: 'leading',
    };
  } else {
    // Equal or lower maximum: the earlier leader keeps the lead at the challenger's maximum plus the increment.
    resolved = {
      leader,
      max: leaderMax,
      price: Math.max(bid.price, Math.min(leaderMax, bid.maxPrice + increment)),
      outcome: 'outbid',
    };
  }
  const price = meetReserve(auction, resolved.price, resolved.max);
  return {
    currentPrice: money(price, auction.currentPrice),
    leadingBidderId: resolved.leader,
    leaderMaxAmount: resolved.max,
    outcome: resolved.outcome,
  };
}

/**
 * The leader's own request only raises their maximum: it must exceed the current one, is not a bid
 * of the public history (bidCount and endsAt stay), and moves the price only to meet the reserve.
 */
function raiseMaximum(auction: Auction, maxPrice: number): AcceptedRequest {
  const currentMax = auction.leaderMaxAmount ?? auction.currentPrice.amount;
  if (maxPrice <= currentMax) throw auctionErrors.tooLow(currentMax + 1, auction.currentPrice, true);
  const currentPrice = money(meetReserve(auction, auction.currentPrice.amount, maxPrice), auction.currentPrice);
  return {
    auction: { ...auction, status: 'live', leaderMaxAmount: maxPrice, currentPrice },
    outcome: 'leading',
    kind: 'max_raise',
  };
}

const withBidder = (bidders: readonly string[], bidderId: string): string[] =>
  bidders.includes(bidderId) ? [...bidders] : [...bidders, bidderId];

/**
 * Judges and applies one request against the true current state: live, not the seller, maxPrice
 * >= price. The leader's request raises their maximum (`raiseMaximum`); any other is a bid of at
 * least the minimum, resolved by proxy bidding and the reserve rule. An accepted bid in the last
 * antiSnipingSeconds moves endsAt so that many seconds remain (capped at scheduledEndsAt +
 * maxExtensionSeconds); a new bidder gets the next alias.
 */
export function placeBid(auction: Auction, request: BidRequest, at: Date): AcceptedRequest {
  const status = statusAt(auction, at);
  if (status !== 'live') throw auctionErrors.notLive(status);
  if (request.bidderId === auction.sellerId) throw auctionErrors.sellerBid();
  if (request.currency !== undefined && request.currency !== auction.startingPrice.currency)
    throw auctionErrors.wrongCurrency(auction.startingPrice.currency);
  const maxPrice = request.maxPrice ?? request.price;
  if (maxPrice < request.price) throw auctionErrors.maxBelowPrice();
  if (request.bidderId === auction.leadingBidderId) return raiseMaximum(auction, maxPrice);
  const minimum = minimumBid(auction);
  if (request.price < minimum) throw auctionErrors.tooLow(minimum, auction.currentPrice);
  const { outcome, ...resolved } = resolve(auction, { bidderId: request.bidderId, price: request.price, maxPrice });
  const bidders = withBidder(auction.bidders, request.bidderId);
  const next: Auction = {
    ...auction,
    ...resolved,
    bidders,
    status: 'live',
    bidCount: auction.bidCount + 1,
    endsAt: extendForSniping(auction, at),
  };
  return { auction: next, outcome, kind: 'bid' };
}

/** Whether the price has reached the reserve with a leader (always true without a reserve). */
export function isReserveMet(auction: Auction): boolean {
  const reserve = auction.reservePrice;
  return reserve === undefined || (auction.leadingBidderId !== null && auction.currentPrice.amount >= reserve.amount);
}

/** A bidder's alias in this auction ("Bidder 1" for the first to bid...), null for someone who never bid. */
export function aliasOf(auction: Auction, userId: string | null | undefined): string | null {
  const index = userId ? auction.bidders.indexOf(userId) : -1;
  return index < 0 ? null : `Bidder ${index + 1}`;
}

/** Buy It Now is offered: a price was set, the auction is live (by `status`, default the stored one) and has no bid. */
export function buyItNowAvailable(auction: Auction, status: AuctionStatus = auction.status): boolean {
  return auction.buyItNowPrice !== undefined && status === 'live' && auction.bidCount === 0;
}

/**
 * Buy It Now: the buyer (not the seller) ends the auction at once as its winner at buyItNowPrice,
 * with the winner's order id assigned up front; refused unless it is available at `at`.
 */
export function buyNow(auction: Auction, buyerId: string, orderId: string, at: Date): Auction {
  if (buyerId === auction.sellerId) throw auctionErrors.sellerBuy();
  const status = statusAt(auction, at);
  const price = auction.buyItNowPrice;
  if (!price || !buyItNowAvailable(auction, status)) throw auctionErrors.buyNowUnavailable(status, auction.bidCount);
  const bought = {
    currentPrice: { ...price },
    leadingBidderId: buyerId,
    leaderMaxAmount: price.amount,
    winnerId: buyerId,
    orderId,
  };
  return {
    ...auction,
    ...bought,
    bidders: withBidder(auction.bidders, buyerId),
    status: 'ended',
    endsAt: new Date(at),
  };
}

/**
 * Whether `state` is an earlier state of the same open auction than `than`: fewer bids, or as many
 * and a lower leader maximum (the leader raised it since). Both only ever grow while it runs.
 */
export function isEarlierState(state: Auction, than: Auction): boolean {
  if (state.bidCount !== than.bidCount) return state.bidCount < than.bidCount;
  return (state.leaderMaxAmount ?? 0) < (than.leaderMaxAmount ?? 0);
}

/**
 * "The newer state wins", the rule of the stored auction: whether `state` replaces `stored`.
 * Nothing replaces a final state; a final one comes after every raise, so only fewer bids make it
 * older; an open one replaces any it is not earlier than (`isEarlierState`; on a tie, the later saved).
 */
export function isNewerState(state: Auction, stored: Auction): boolean {
  if (isFinal(stored.status)) return false;
  return isFinal(state.status) ? state.bidCount >= stored.bidCount : !isEarlierState(state, stored);
}

/** Closes the auction: the leader wins if the price reached the reserve, else nobody does. */
export function closeAuction(auction: Auction): Auction {
  if (isFinal(auction.status)) throw auctionErrors.notLive(auction.status);
  return { ...auction, status: 'ended', winnerId: isReserveMet(auction) ? auction.leadingBidderId : null };
}

export interface CancelledBy {
  isSeller: boolean;
  isAdmin: boolean;
}

/** The seller before the first bid, or an admin before the end. */
export function cancelAuction(auction: Auction, by: CancelledBy, at: Date): Auction {
  const status = statusAt(auction, at);
  if (isFinal(status)) throw auctionErrors.notLive(status);
  if (!by.isAdmin && !(by.isSeller && auction.bidCount === 0)) throw auctionErrors.cannotCancel();
  return { ...auction, status: 'cancelled' };
}
