import type { EventPayload } from '../../../application/shared/events/catalogue.js';

/**
 * What watchers of `auction:<id>` receive of the auction.* events. The room is open to anyone, so
 * each payload is an explicit list of public fields: the auction's state with the leader's alias,
 * never a user id (the bus events carry ids for the modules) nor a proxy maximum (none travels).
 */
const publicState = (
  p: EventPayload<'auction.created' | 'auction.bid.placed' | 'auction.max.raised' | 'auction.ended'>,
) => ({
  auctionId: p.auctionId,
  currentPrice: p.currentPrice,
  endsAt: p.endsAt,
  reserveMet: p.reserveMet,
  leadingBidderAlias: p.leadingBidderAlias,
});

export const auctionRoomPayloads = {
  created: (p: EventPayload<'auction.created'>) => ({
    ...publicState(p),
    listingId: p.listingId,
    startingPrice: p.startingPrice,
    startsAt: p.startsAt,
    status: p.status,
  }),
  bidPlaced: (p: EventPayload<'auction.bid.placed'>) => ({
    ...publicState(p),
    bidId: p.bidId,
    bidderAlias: p.bidderAlias,
    price: p.price,
    bidCount: p.bidCount,
  }),
  /** Sent only when the raise moved the price (to the reserve): a raise is otherwise nobody else's business. */
  maxRaised: (p: EventPayload<'auction.max.raised'>) => ({ ...publicState(p), bidCount: p.bidCount }),
  ended: (p: EventPayload<'auction.ended'>) => ({
    ...publicState(p),
    listingId: p.listingId,
    title: p.title,
    bidCount: p.bidCount,
    finalPrice: p.finalPrice,
    winnerAlias: p.winnerId ? p.leadingBidderAlias : null,
  }),
};
