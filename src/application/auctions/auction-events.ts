import { aliasOf, isReserveMet, type Auction } from '../../domain/auctions/auction.js';
import { formatMoney } from '../../domain/shared/money.js';
import type { EventEnvelope } from '../shared/events/envelope.js';
import type { EventFactory } from '../shared/events/event-factory.js';
import type { PendingEvents } from '../shared/outbox/outbox.js';
import type { AcceptedBid } from './ports/auction-live-state.js';

/** The state every auction.* event carries: ids for the modules, aliases for the public rooms. */
const state = (auction: Auction) => ({
  auctionId: auction.id,
  currentPrice: auction.currentPrice,
  leadingBidderId: auction.leadingBidderId,
  leadingBidderAlias: aliasOf(auction, auction.leadingBidderId),
  reserveMet: isReserveMet(auction),
  endsAt: auction.endsAt.toISOString(),
});

interface Notice {
  id: string;
  userId: string;
  type: string;
  title: string;
  body: string;
}

/**
 * Builds the auction.* events and the notifications that go with them; the store that writes the
 * state change stores them in the same atomic step (the outbox), nothing here publishes. Ids are
 * derived (`auction.ended:<auctionId>`, `auction.bid.placed:<bidId>`...), so that a step finished
 * again after a crash is deduplicated by every consumer instead of counting twice.
 */
export class AuctionEvents {
  constructor(private readonly events: EventFactory) {}

  created(auction: Auction): PendingEvents {
    const { listingId, sellerId, startingPrice } = auction;
    const status = auction.status === 'scheduled' ? 'scheduled' : 'live';
    const startsAt = auction.startsAt.toISOString();
    const payload = { ...state(auction), listingId, sellerId, startingPrice, startsAt, status } as const;
    return [this.events.withId(`auction.created:${auction.id}`, 'auction.created', payload)];
  }

  /**
   * `auction.bid.placed`, and the previous leader's outbid notification when the lead changed hands;
   * for the leader's raise of their maximum, `auction.max.raised` (whether it moved the price to the reserve).
   */
  bidPlaced(accepted: AcceptedBid): PendingEvents {
    if (accepted.bid.kind === 'max_raise') return [this.maxRaised(accepted)];
    const { bid, auction, previousLeaderId } = accepted;
    const { id: bidId, bidderId, bidderAlias, price } = bid;
    const payload = {
      ...state(auction),
      bidId,
      bidderId,
      bidderAlias,
      price,
      previousLeaderId,
      bidCount: auction.bidCount,
    };
    const placed = this.events.withId(`auction.bid.placed:${bidId}`, 'auction.bid.placed', payload);
    if (!previousLeaderId || previousLeaderId === auction.leadingBidderId) return [placed];
    const body = `"${auction.title}" is now at ${formatMoney(auction.currentPrice)}.`;
    const outbid = { id: `auction.outbid:${bidId}`, userId: previousLeaderId, type: 'auction.outbid', body };
    return [placed, this.notification({ ...outbid, title: 'You were outbid' }, auction)];
  }

  private maxRaised({ bid, auction, previousPrice }: AcceptedBid): EventEnvelope {
    const { id: bidId, bidderId, bidderAlias } = bid;
    const priceChanged = previousPrice.amount !== auction.currentPrice.amount;
    const payload = { ...state(auction), bidId, bidderId, bidderAlias, priceChanged, bidCount: auction.bidCount };
    return this.events.withId(`auction.max.raised:${bidId}`, 'auction.max.raised', payload);
  }

  /**
   * `auction.ended`, the winner's and the seller's notifications: each under an id derived from the
   * auction. The winner's order id is in it when it was assigned with the end (Buy It Now).
   */
  ended(auction: Auction): PendingEvents {
    const { id, listingId, sellerId, title, bidCount, orderId } = auction;
    const winnerId = auction.winnerId ?? null;
    const finalPrice = winnerId ? auction.currentPrice : null;
    const payload = {
      ...state(auction),
      listingId,
      sellerId,
      title,
      bidCount,
      winnerId,
      finalPrice,
      ...(orderId ? { orderId } : {}),
    };
    const events: EventEnvelope[] = [this.events.withId(`auction.ended:${id}`, 'auction.ended', payload)];
    const price = formatMoney(auction.currentPrice);
    if (winnerId) {
      const body = `You won "${title}" for ${price}: your order awaits payment.`;
      const won = { id: `auction.won:${id}:${winnerId}`, userId: winnerId, type: 'auction.won', body };
      events.push(this.notification({ ...won, title: 'You won the auction' }, auction));
    }
    const unsold = bidCount > 0 ? 'ended below the reserve price' : 'ended without bids';
    const body = `"${title}" ${winnerId ? `sold for ${price}` : unsold}.`;
    const ended = { id: `auction.ended:${id}:${sellerId}`, userId: sellerId, type: 'auction.ended', body };
    events.push(this.notification({ ...ended, title: 'Your auction ended' }, auction));
    return events;
  }

  private notification({ id, ...notice }: Notice, auction: Auction): EventEnvelope {
    const data = { auctionId: auction.id, listingId: auction.listingId };
    return this.events.withId(id, 'notification.send', { ...notice, data });
  }

  /** An admin's command on the auction, for the audit log (stored with the change it made). */
  adminAction(adminId: string, action: 'auction.cancel', auction: Auction): EventEnvelope {
    return this.events.create('admin.action', {
      actorId: adminId,
      action,
      targetType: 'auction',
      targetId: auction.id,
    });
  }
}
