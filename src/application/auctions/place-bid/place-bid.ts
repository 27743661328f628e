import { auctionErrors, type Auction, type BidRequest } from '../../../domain/auctions/auction.js';
import type { Money } from '../../../domain/shared/money.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/id-generator.js';
import type { AuctionEvents } from '../auction-events.js';
import { onLiveState } from '../auction-view.js';
import { bidKeyOf, decideBid, type LiveBid } from '../live-decisions.js';
import type { AuctionLiveState } from '../ports/auction-live-state.js';
import type { AuctionRepository } from '../ports/auction-repository.js';
import type { StoredBid } from '../ports/bid-repository.js';

export interface PlaceBidCommand {
  auctionId: string;
  bidderId: string;
  price: Money;
  maxPrice?: Money;
  /** The client's Idempotency-Key: a retry with the same key and body answers the first acceptance. */
  idempotencyKey?: string;
}

export interface PlacedBid {
  bid: StoredBid;
  auction: Auction;
}

/** How long a bid's Idempotency-Key is remembered (api.md: 24 h). */
export const BID_KEY_TTL_SECONDS = 86_400;

function bidRequest({ bidderId, price, maxPrice }: PlaceBidCommand): BidRequest {
  if (maxPrice && maxPrice.currency !== price.currency) throw auctionErrors.wrongCurrency(price.currency, 'maxPrice');
  return {
    bidderId,
    price: price.amount,
    currency: price.currency,
    ...(maxPrice ? { maxPrice: maxPrice.amount } : {}),
  };
}

/** The request's identity under its key: the auction and the amounts (the bidder scopes the key). */
function fingerprint({ auctionId, price, maxPrice }: PlaceBidCommand): string {
  const max = maxPrice ? [maxPrice.amount, maxPrice.currency] : [];
  return JSON.stringify([auctionId, price.amount, price.currency, ...max]);
}

/**
 * A bid, judged and applied in one atomic step of the live state, the truth for bids: 201 with the
 * new state, or 409 with the current price. That step also stores `auction.bid.placed` (and the
 * outbid notification) in the outbox and keeps the bid until the bid log and the stored auction
 * have followed it (FollowAcceptedBids), so a crash after it loses nothing; with an
 * Idempotency-Key it records the key too, so a retry whose first answer was lost gets that answer
 * and stores no second bid. A live state that lost the auction (Redis flushed) is reloaded from
 * the stored document first.
 */
export class PlaceBid {
  constructor(
    private readonly live: AuctionLiveState,
    private readonly auctions: AuctionRepository,
    private readonly events: AuctionEvents,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: PlaceBidCommand): Promise<PlacedBid> {
    const { auctionId, idempotencyKey: key } = command;
    const bid: LiveBid = { auctionId, bidId: this.ids.next(), request: bidRequest(command), at: this.clock.now() };
    if (key) bid.idempotency = { key, fingerprint: fingerprint(command), ttlSeconds: BID_KEY_TTL_SECONDS };
    const decide = decideBid(bid, (accepted) => this.events.bidPlaced(accepted));
    const place = () => this.live.transact(auctionId, decide, bidKeyOf(bid));
    const accepted = await onLiveState(this.live, this.auctions, auctionId, place);
    return { bid: accepted.bid, auction: accepted.auction };
  }
}
