import {
  aliasOf,
  buyNow,
  cancelAuction,
  closeAuction,
  isDue,
  placeBid,
  type Auction,
  type BidRequest,
  type CancelledBy,
} from '../../domain/auctions/auction.js';
import { idempotencyErrors } from '../shared/idempotency-errors.js';
import type { PendingEvents } from '../shared/outbox/outbox.js';
import { AuctionNotHeldError, type AcceptedBid, type BidKeyRef, type Decide } from './ports/auction-live-state.js';

/**
 * The decisions the auction use cases pass to `AuctionLiveState.transact`: the domain's rules
 * (`placeBid`, `isDue` + `closeAuction`, `cancelAuction`, `buyNow`) applied to the state the
 * atomic step read, with the events each change stores in that step. Adapters only run them.
 */

/** The events a change causes, built from its outcome inside the atomic step that stores both. */
export type EventsOf<T> = (outcome: T) => PendingEvents;

/** One bid as the live state judges it. */
export interface LiveBid {
  auctionId: string;
  /** The id the bid is stored under if accepted. */
  bidId: string;
  request: BidRequest;
  at: Date;
  /**
   * The client's Idempotency-Key (per bidder) with the fingerprint of its request: recorded with
   * the accepted bid, in the same atomic step, for `ttlSeconds`.
   */
  idempotency?: { key: string; fingerprint: string; ttlSeconds: number };
}

/** Buy It Now as the live state applies it: the winner's order id is assigned up front. */
export interface BuyNowRequest {
  auctionId: string;
  buyerId: string;
  orderId: string;
  at: Date;
}

/** The Idempotency-Key record `transact` reads (and keeps) for the bid; none without a key. */
export function bidKeyOf({ request, at, idempotency }: LiveBid): BidKeyRef | undefined {
  return idempotency && { bidderId: request.bidderId, key: idempotency.key, at, ttlSeconds: idempotency.ttlSeconds };
}

/**
 * A bid whose key is recorded is a replay of that acceptance, which changes nothing (a conflict
 * under another fingerprint); any other is judged by `placeBid` and becomes the auction's
 * `sequence + 1`-th entry of the bid log, kept pending with its events and key record.
 */
export function decideBid(bid: LiveBid, events: EventsOf<AcceptedBid>): Decide<AcceptedBid> {
  return ({ auction, sequence, recorded }) => {
    if (recorded && bid.idempotency) {
      if (recorded.fingerprint !== bid.idempotency.fingerprint) throw idempotencyErrors.keyReused();
      return { result: recorded.accepted };
    }
    if (auction === null) throw new AuctionNotHeldError(bid.auctionId);
    const accepted = acceptBid(auction, sequence, bid);
    const record = bid.idempotency && { fingerprint: bid.idempotency.fingerprint, accepted };
    const change = { auction: accepted.auction, sequence: accepted.bid.sequence, events: events(accepted), accepted };
    return { result: accepted, change: record ? { ...change, record } : change };
  };
}

/**
 * The log entry of an accepted request: a bid (its amount), or the leader's raise of their
 * maximum (the price it leaves, the new maximum).
 */
function acceptBid(current: Auction, sequence: number, { bidId, request, at }: LiveBid): AcceptedBid {
  const { auction, outcome, kind } = placeBid(current, { ...request }, new Date(at));
  const money = (amount: number) => ({ amount, currency: auction.startingPrice.currency });
  const raise = kind === 'max_raise';
  const maxPrice = raise ? (request.maxPrice ?? request.price) : request.maxPrice;
  return {
    bid: {
      id: bidId,
      auctionId: auction.id,
      bidderId: request.bidderId,
      bidderAlias: aliasOf(auction, request.bidderId) ?? '',
      kind,
      price: raise ? { ...auction.currentPrice } : money(request.price),
      ...(maxPrice === undefined ? {} : { maxPrice: money(maxPrice) }),
      sequence: sequence + 1,
      outcome,
      createdAt: new Date(at),
    },
    auction,
    previousLeaderId: current.leadingBidderId,
    previousPrice: { ...current.currentPrice },
  };
}

/**
 * Closes the auction if it is due at `at` (`isDue` on the state read in the step, so a late bid's
 * extension is honoured): of racing closes exactly one gets the closed auction; the others, and
 * closes before the end or of an auction not held, get null.
 */
export function decideClose(at: Date, events: EventsOf<Auction>): Decide<Auction | null> {
  return ({ auction, sequence }) => {
    if (auction === null || !isDue(auction, at)) return { result: null };
    const closed = closeAuction(auction);
    return { result: closed, change: { auction: closed, sequence, events: events(closed) } };
  };
}

/** `cancelAuction` against racing bids: the seller only before the first bid, an admin until the end. */
export function decideCancel(auctionId: string, by: CancelledBy, at: Date, events: EventsOf<Auction>): Decide<Auction> {
  const when = new Date(at);
  return endHeld(auctionId, (auction) => cancelAuction(auction, { ...by }, when), events);
}

/** `buyNow` against racing bids, closes and other buyers: refused once a bid or another buyer came first. */
export function decideBuyNow(request: BuyNowRequest, events: EventsOf<Auction>): Decide<Auction> {
  const { auctionId, buyerId, orderId, at } = request;
  const when = new Date(at);
  return endHeld(auctionId, (auction) => buyNow(auction, buyerId, orderId, when), events);
}

/** Applies `end` (a domain rule) to the auction, which the live state must hold, with its events. */
function endHeld(auctionId: string, end: (auction: Auction) => Auction, events: EventsOf<Auction>): Decide<Auction> {
  return ({ auction, sequence }) => {
    if (auction === null) throw new AuctionNotHeldError(auctionId);
    const ended = end(auction);
    return { result: ended, change: { auction: ended, sequence, events: events(ended) } };
  };
}
