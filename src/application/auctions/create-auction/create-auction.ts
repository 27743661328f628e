import type { Auction } from '../../../domain/auctions/auction.js';
import { openAuction } from '../../../domain/auctions/auction-terms.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { listingSaleErrors } from '../../../domain/shared/listing-sale-errors.js';
import type { Money } from '../../../domain/shared/money.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/id-generator.js';
import type { AuctionEvents } from '../auction-events.js';
import type { AuctionListings, ListingForAuction } from '../ports/auction-listings.js';
import type { AuctionLiveState } from '../ports/auction-live-state.js';
import type { AuctionRepository } from '../ports/auction-repository.js';
import type { AuctionSchedule } from '../ports/auction-schedule.js';
import type { AuctionSellerGate } from '../ports/auction-seller-gate.js';
import type { AuctionStock } from '../ports/auction-stock.js';

/** Defaults and caps of new auctions (AUCTION_ANTI_SNIPING_SECONDS, AUCTION_MAX_EXTENSION_SECONDS). */
export interface AuctionSettings {
  antiSnipingSeconds: number;
  maxExtensionSeconds: number;
}

export interface CreateAuctionCommand {
  sellerId: string;
  listingId: string;
  startingPrice: Money;
  minIncrement: Money;
  reservePrice?: Money;
  buyItNowPrice?: Money;
  startsAt?: Date;
  endsAt: Date;
  antiSnipingSeconds?: number;
}

/**
 * The held unit outlives every possible end (extensions included) by a week: the winner's order takes it well before.
 */
const HOLD_MARGIN_MS = 7 * 86_400_000;

export const createAuctionErrors = {
  listingNotFound: listingSaleErrors.notFound,
  notOwner: () =>
    new DomainError('forbidden', 'AUCTION_NOT_LISTING_OWNER', 'only the seller of the listing can auction it'),
  notPublished: listingSaleErrors.notForSale,
  alreadyOpen: () =>
    new DomainError('conflict', 'AUCTION_ALREADY_OPEN', 'the listing already has a scheduled or live auction'),
  noStock: () => listingSaleErrors.insufficientStock(0),
};

/**
 * A verified seller auctions one unit of a published listing of theirs: one open auction per
 * listing, the unit held in the stock ledger while it runs, the timer told of its start and end.
 * The steps are ordered so that a crash between any two leaves nothing the timer cannot settle:
 * the deadlines go first (a deadline of an auction never stored is dropped by the next tick), then
 * the stored auction with `auction.created` in one write, then the live state (which a bid or the
 * timer refills from the stored auction when it is missing). A unit held by a create that died
 * before storing its auction stays held until the hold expires.
 */
export class CreateAuction {
  constructor(
    private readonly listings: AuctionListings,
    private readonly sellers: AuctionSellerGate,
    private readonly auctions: AuctionRepository,
    private readonly live: AuctionLiveState,
    private readonly schedule: AuctionSchedule,
    private readonly stock: AuctionStock,
    private readonly events: AuctionEvents,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly settings: AuctionSettings,
  ) {}

  async execute(command: CreateAuctionCommand): Promise<Auction> {
    const listing = await this.ownedListing(command);
    await this.sellers.assertVerifiedSeller(command.sellerId);
    const now = this.clock.now();
    const auction = openAuction(this.terms(command, listing), now);
    const held = await this.stock.hold(
      auction.listingId,
      auction.id,
      new Date(auction.endsAt.getTime() + auction.maxExtensionSeconds * 1000 + HOLD_MARGIN_MS),
      now,
    );
    if (held !== 'held') throw createAuctionErrors.noStock();
    if (auction.status === 'scheduled') await this.schedule.set('start', auction.id, auction.startsAt);
    await this.schedule.set('end', auction.id, auction.endsAt);
    if (!(await this.auctions.create(auction, this.events.created(auction)))) {
      await this.stock.release(auction.listingId, auction.id);
      throw createAuctionErrors.alreadyOpen();
    }
    await this.live.put(auction);
    return auction;
  }

  private async ownedListing(command: CreateAuctionCommand): Promise<ListingForAuction> {
    const listing = await this.listings.listing(command.listingId);
    if (!listing) throw createAuctionErrors.listingNotFound();
    if (listing.sellerId !== command.sellerId) throw createAuctionErrors.notOwner();
    if (!listing.published) throw createAuctionErrors.notPublished();
    return listing;
  }

  private terms(command: CreateAuctionCommand, listing: ListingForAuction) {
    const { sellerId, antiSnipingSeconds, ...prices } = command;
    return {
      ...prices,
      id: this.ids.next(),
      sellerId,
      title: listing.title,
      currency: listing.price.currency,
      antiSnipingSeconds: antiSnipingSeconds ?? this.settings.antiSnipingSeconds,
      maxExtensionSeconds: this.settings.maxExtensionSeconds,
    };
  }
}
