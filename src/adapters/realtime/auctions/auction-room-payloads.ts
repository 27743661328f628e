import { z } from 'zod';
import { eventCatalogue, type EventPayload } from '../../../application/shared/events/catalogue.js';
import { projection } from '../projection.js';

type AuctionTopic = 'auction.created' | 'auction.bid.placed' | 'auction.max.raised' | 'auction.ended';

/** The public fields of an auction's state, as every auction.* event carries them. */
const publicStateFields = {
  auctionId: true,
  currentPrice: true,
  endsAt: true,
  reserveMet: true,
  leadingBidderAlias: true,
} as const;

const publicState = (p: EventPayload<AuctionTopic>) => ({
  auctionId: p.auctionId,
  currentPrice: p.currentPrice,
  endsAt: p.endsAt,
  reserveMet: p.reserveMet,
  leadingBidderAlias: p.leadingBidderAlias,
});

/**
 * What watchers of `auction:<id>` receive of the auction.* events, with its schema. The room is open to anyone, so
 * each payload is an explicit list of public fields: the auction's state with the leader's alias, never a user id
 * (the bus events carry ids for the modules) nor a proxy maximum (none travels).
 */
export const auctionRoomPayloads = {
  created: projection(
    eventCatalogue['auction.created'].pick({
      ...publicStateFields,
      listingId: true,
      startingPrice: true,
      startsAt: true,
      status: true,
    }),
    (p: EventPayload<'auction.created'>) => ({
      ...publicState(p),
      listingId: p.listingId,
      startingPrice: p.startingPrice,
      startsAt: p.startsAt,
      status: p.status,
    }),
  ),
  bidPlaced: projection(
    eventCatalogue['auction.bid.placed'].pick({
      ...publicStateFields,
      bidId: true,
      bidderAlias: true,
      price: true,
      bidCount: true,
    }),
    (p: EventPayload<'auction.bid.placed'>) => ({
      ...publicState(p),
      bidId: p.bidId,
      bidderAlias: p.bidderAlias,
      price: p.price,
      bidCount: p.bidCount,
    }),
  ),
  /** Sent only when the raise moved the price (to the reserve): a raise is otherwise nobody else's business. */
  maxRaised: projection(
    eventCatalogue['auction.max.raised'].pick({ ...publicStateFields, bidCount: true }),
    (p: EventPayload<'auction.max.raised'>) => ({ ...publicState(p), bidCount: p.bidCount }),
  ),
  ended: projection(
    eventCatalogue['auction.ended']
      .pick({ ...publicStateFields, listingId: true, title: true, bidCount: true, finalPrice: true })
      .extend({
        /** The winner's alias; null when nobody won. */
        winnerAlias: z.string().nullable(),
      }),
    (p: EventPayload<'auction.ended'>) => ({
      ...publicState(p),
      listingId: p.listingId,
      title: p.title,
      bidCount: p.bidCount,
      finalPrice: p.finalPrice,
      winnerAlias: p.winnerId ? p.leadingBidderAlias : null,
    }),
  ),
};
