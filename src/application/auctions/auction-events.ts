import type { Auction } from '../../domain/auctions/auction.js';
import type { EventEnvelope } from '../shared/events/envelope.js';
import type { EventFactory } from '../shared/events/event-factory.js';
import type { PendingEvents } from '../shared/outbox/outbox.js';
import type { AcceptedBid } from './ports/auction-live-state.js';

const state = (auction: Auction) => ({
  auctionId: auction.id,
  currentPrice: auction.currentPrice,
  leadingBidderId: auction.leadingBidderId,
  endsAt: auction.endsAt.toISOString(),
});

const formatMoney = ({ amount, currency }: { amount: number; currency: string }) => `${(amount / 100).toFixed(2)} ${currency}`;

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
    const payload = { ...state(auction), listingId, sellerId, startingPrice, startsAt: auction.startsAt.toISOString(), status } as const;
    return [this.events.withId(`auction.created:${auction.id}`, 'auction.created', payload)];
  }

  /** `auction.bid.placed`, and the previous leader's outbid notification when the lead changed hands. */
  bidPlaced({ bid, auction, previousLeaderId }: AcceptedBid): PendingEvents {
    const payload = { ...state(auction), bidId: bid.id, bidderId: bid.bidderId, price: bid.price, previousLeaderId, bidCount: auction.bidCount };
    const placed = this.events.withId(`auction.bid.placed:${bid.id}`, 'auction.bid.placed', payload);
    if (!previousLeaderId || previousLeaderId === auction.leadingBidderId) return [placed];
    const body = `"${auction.title}" is now at ${formatMoney(auction.currentPrice)}.`;
    return [placed, this.notification(`auction.outbid:${bid.id}`, previousLeaderId, 'auction.outbid', 'You were outbid', body, auction)];
  }

  /** `auction.ended`, the winner's and the seller's notifications: each under an id derived from the auction. */
  ended(auction: Auction): PendingEvents {
    const winnerId = auction.winnerId ?? null;
    const finalPrice = winnerId ? auction.currentPrice : null;
    const { listingId, sellerId, title, bidCount } = auction;
    const payload = { ...state(auction), listingId, sellerId, title, bidCount, winnerId, finalPrice, reserveMet: winnerId !== null };
    const events: EventEnvelope[] = [this.events.withId(`auction.ended:${auction.id}`, 'auction.ended', payload)];
    if (winnerId) {
      const body = `You won "${title}" for ${formatMoney(auction.currentPrice)}: your order awaits payment.`;
      events.push(this.notification(`auction.won:${auction.id}:${winnerId}`, winnerId, 'auction.won', 'You won the auction', body, auction));
    }
    const outcome = winnerId ? `sold for ${formatMoney(auction.currentPrice)}` : bidCount > 0 ? 'ended below the reserve price' : 'ended without bids';
    events.push(this.notification(`auction.ended:${auction.id}:${sellerId}`, sellerId, 'auction.ended', 'Your auction ended', `"${title}" ${outcome}.`, auction));
    return events;
  }

  private notification(id: string, userId: string, type: string, title: string, body: string, auction: Auction): EventEnvelope {
    return this.events.withId(id, 'notification.send', { userId, type, title, body, data: { auctionId: auction.id, listingId: auction.listingId } });
  }
}
