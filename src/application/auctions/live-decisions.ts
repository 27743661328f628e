import { aliasOf, placeBid, type Auction } from '../../domain/auctions/auction.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { AuctionNotHeldError, type AcceptedBid, type LiveBid } from './ports/auction-live-state.js';

/** What a live state keeps under a bid's Idempotency-Key: the request's fingerprint and its acceptance. */
export interface BidKeyRecord {
  fingerprint: string;
  accepted: AcceptedBid;
}

export type Judgement =
  | { replay: true; accepted: AcceptedBid }
  | { replay: false; accepted: AcceptedBid; record: BidKeyRecord | null };

export const bidKeyReused = () =>
  new DomainError('conflict', 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with another request');

/**
 * The decision every AuctionLiveState takes inside its atomic step, on the state it read: a bid
 * whose key is recorded is a replay of that acceptance (or a conflict under another fingerprint);
 * any other is judged by `placeBid` and becomes the auction's `sequence + 1`-th entry of the bid log:
 * a bid (its amount), or the leader's raise of their maximum (the price it leaves, the new maximum).
 */
export function judgeBid(
  current: Auction | null,
  sequence: number,
  bid: LiveBid,
  recorded: BidKeyRecord | null,
): Judgement {
  if (recorded && bid.idempotency) {
    if (recorded.fingerprint !== bid.idempotency.fingerprint) throw bidKeyReused();
    return { replay: true, accepted: recorded.accepted };
  }
  if (current === null) throw new AuctionNotHeldError(bid.auctionId);
  const { request, at } = bid;
  const { auction, outcome, kind } = placeBid(current, { ...request }, new Date(at));
  const money = (amount: number) => ({ amount, currency: auction.startingPrice.currency });
  const raise = kind === 'max_raise';
  const maxPrice = raise ? (request.maxPrice ?? request.price) : request.maxPrice;
  const accepted: AcceptedBid = {
    bid: {
      id: bid.bidId,
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
  const record = bid.idempotency ? { fingerprint: bid.idempotency.fingerprint, accepted } : null;
  return { replay: false, accepted, record };
}
