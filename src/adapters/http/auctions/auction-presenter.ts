import type { StoredBid } from '../../../application/auctions/ports/bid-repository.js';
import { isAdmin, type Actor } from '../../../application/shared/actor.js';
import { aliasOf, buyItNowAvailable, isReserveMet, type Auction } from '../../../domain/auctions/auction.js';

/**
 * Who sees which bidder (api.md 1.1): the seller and admins see every id and the reserve; a bidder
 * sees their own id; everyone else sees aliases only. A hidden `leadingBidderId` is null (the field
 * stays, as in 1.0), a hidden `winnerId` and `orderId` are left out (a null winnerId means that
 * nobody won, which anyone may know).
 */
const isInsider = (auction: Auction, viewer: Actor | undefined): boolean =>
  viewer !== undefined && (isAdmin(viewer) || viewer.userId === auction.sellerId);
const mayName = (auction: Auction, viewer: Actor | undefined, userId: string | null | undefined): boolean =>
  isInsider(auction, viewer) || (viewer !== undefined && viewer.userId === userId);

function winner(auction: Auction, viewer: Actor | undefined) {
  const { winnerId, orderId } = auction;
  if (winnerId === undefined) return {};
  const named = winnerId === null || mayName(auction, viewer, winnerId);
  return {
    ...(named ? { winnerId } : {}),
    winnerAlias: aliasOf(auction, winnerId),
    ...(orderId && named ? { orderId } : {}),
  };
}

/** What `viewer` (absent: anonymous) sees of an auction: never a proxy maximum, nor the bidders' ids it may not see. */
export function presentAuction(auction: Auction, viewer?: Actor) {
  const {
    leaderMaxAmount: _max,
    scheduledEndsAt: _first,
    maxExtensionSeconds: _cap,
    bidders: _ids,
    winnerId: _winner,
    orderId: _order,
    reservePrice,
    leadingBidderId,
    startsAt,
    endsAt,
    createdAt,
    ...rest
  } = auction;
  return {
    ...rest,
    ...(reservePrice && isInsider(auction, viewer) ? { reservePrice } : {}),
    reserveMet: isReserveMet(auction),
    leadingBidderId: mayName(auction, viewer, leadingBidderId) ? leadingBidderId : null,
    leadingBidderAlias: aliasOf(auction, leadingBidderId),
    ...winner(auction, viewer),
    buyItNowAvailable: buyItNowAvailable(auction),
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    createdAt: createdAt.toISOString(),
  };
}

/** What `viewer` sees of a bid of `auction`: its bidder's id as for the auction, its maximum only by its bidder. */
export function presentBid(bid: StoredBid, auction: Auction, viewer?: Actor) {
  const { id, bidderId, bidderAlias, kind, price, maxPrice, outcome, createdAt } = bid;
  const own = viewer?.userId === bidderId;
  return {
    id,
    ...(mayName(auction, viewer, bidderId) ? { bidderId } : {}),
    bidderAlias,
    kind,
    price,
    ...(own && maxPrice ? { maxPrice } : {}),
    outcome,
    createdAt: createdAt.toISOString(),
  };
}
