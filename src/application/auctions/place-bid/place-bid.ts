import type { Auction, BidRequest } from '../../../domain/auctions/auction.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import type { Money } from '../../../domain/shared/money.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/id-generator.js';
import type { AuctionEvents } from '../auction-events.js';
import { onLiveState } from '../auction-view.js';
import type { AuctionLiveState } from '../ports/auction-live-state.js';
import type { AuctionRepository } from '../ports/auction-repository.js';
import type { BidRepository, StoredBid } from '../ports/bid-repository.js';

export interface PlaceBidCommand {
  auctionId: string;
  bidderId: string;
  price: Money;
  maxPrice?: Money;
}

export interface PlacedBid {
  bid: StoredBid;
  auction: Auction;
}

function bidRequest({ bidderId, price, maxPrice }: PlaceBidCommand): BidRequest {
  if (maxPrice && maxPrice.currency !== price.currency) {
    throw new DomainError('invalid', 'AUCTION_WRONG_CURRENCY', 'maxPrice must be in the currency of price', { errors: [{ path: 'body.maxPrice.currency', message: `must be ${price.currency}` }] });
  }
  return { bidderId, price: price.amount, currency: price.currency, ...(maxPrice ? { maxPrice: maxPrice.amount } : {}) };
}

/**
 * A bid, judged and applied in one atomic step of the live state (201 with the new state, or 409
 * with the current price), then appended to the stored bids, the stored auction brought up to
 * date and `auction.bid.placed` published. A live state that lost the auction (Redis flushed)
 * is reloaded from the stored document first.
 */
export class PlaceBid {
  constructor(
    private readonly live: AuctionLiveState,
    private readonly auctions: AuctionRepository,
    private readonly bids: BidRepository,
    private readonly events: AuctionEvents,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: PlaceBidCommand): Promise<PlacedBid> {
    const now = this.clock.now();
    const request = bidRequest(command);
    const accepted = await onLiveState(this.live, this.auctions, command.auctionId, () => this.live.bid(command.auctionId, request, now));
    const bid: StoredBid = {
      id: this.ids.next(),
      auctionId: command.auctionId,
      bidderId: command.bidderId,
      price: command.price,
      ...(command.maxPrice ? { maxPrice: command.maxPrice } : {}),
      sequence: accepted.sequence,
      outcome: accepted.outcome,
      createdAt: now,
    };
    await this.bids.append(bid);
    await this.auctions.saveState(accepted.auction);
    await this.events.bidPlaced(accepted, bid);
    return { bid, auction: accepted.auction };
  }
}
