import type { Auction } from '../../domain/auctions/auction.js';
import type { EventBus } from '../shared/events/event-bus.js';
import type { EventPayloadInput, Topic } from '../shared/events/catalogue.js';
import { envelopeWithId } from '../shared/events/envelope.js';
import type { Clock } from '../shared/ports/clock.js';
import type { AcceptedBid } from './ports/auction-live-state.js';
import type { StoredBid } from './ports/bid-repository.js';

const state = (auction: Auction) => ({
  auctionId: auction.id,
  currentPrice: auction.currentPrice,
  leadingBidderId: auction.leadingBidderId,
  endsAt: auction.endsAt.toISOString(),
});

const formatMoney = ({ amount, currency }: { amount: number; currency: string }) => `${(amount / 100).toFixed(2)} ${currency}`;

/**
 * The auction.* events and the notifications that go with them. The end of an auction is published
 * under ids derived from the auction id, so that finishing a close again (after an instance died
 * mid-way) is deduplicated by every consumer instead of ending the auction twice.
 */
export class AuctionEvents {
  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  async created(auction: Auction): Promise<void> {
    const { listingId, sellerId, startingPrice } = auction;
    const status = auction.status === 'scheduled' ? 'scheduled' : 'live';
    await this.bus.publish('auction.created', { ...state(auction), listingId, sellerId, startingPrice, startsAt: auction.startsAt.toISOString(), status });
  }

  async bidPlaced(accepted: AcceptedBid, bid: StoredBid): Promise<void> {
    const { auction, previousLeaderId } = accepted;
    await this.bus.publish('auction.bid.placed', { ...state(auction), bidId: bid.id, bidderId: bid.bidderId, price: bid.price, previousLeaderId, bidCount: auction.bidCount });
    if (previousLeaderId && previousLeaderId !== auction.leadingBidderId) {
      await this.notify(previousLeaderId, 'auction.outbid', 'You were outbid', `"${auction.title}" is now at ${formatMoney(auction.currentPrice)}.`, auction);
    }
  }

  async ended(auction: Auction): Promise<void> {
    const winnerId = auction.winnerId ?? null;
    const finalPrice = winnerId ? auction.currentPrice : null;
    const payload = { ...state(auction), listingId: auction.listingId, sellerId: auction.sellerId, title: auction.title, bidCount: auction.bidCount, winnerId, finalPrice, reserveMet: winnerId !== null };
    await this.publishOnce(`auction.ended:${auction.id}`, 'auction.ended', payload);
    if (winnerId) await this.notify(winnerId, 'auction.won', 'You won the auction', `You won "${auction.title}" for ${formatMoney(auction.currentPrice)}: your order awaits payment.`, auction);
    const outcome = winnerId ? `sold for ${formatMoney(auction.currentPrice)}` : auction.bidCount > 0 ? 'ended below the reserve price' : 'ended without bids';
    await this.notify(auction.sellerId, 'auction.ended', 'Your auction ended', `"${auction.title}" ${outcome}.`, auction);
  }

  /** Notifications of an ended auction are derived from its id too: sent once per user and type. */
  private async notify(userId: string, type: string, title: string, body: string, auction: Auction): Promise<void> {
    const payload = { userId, type, title, body, data: { auctionId: auction.id, listingId: auction.listingId } };
    if (type === 'auction.outbid') {
      await this.bus.publish('notification.send', payload);
      return;
    }
    await this.publishOnce(`${type}:${auction.id}:${userId}`, 'notification.send', payload);
  }

  private async publishOnce<T extends Topic>(id: string, topic: T, payload: EventPayloadInput<T>): Promise<void> {
    await this.bus.publishEnvelope(envelopeWithId(id, topic, payload, this.clock));
  }
}
