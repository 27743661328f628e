import type { Money } from '../../../domain/shared/money.js';

/** What an auction needs to know of a listing, served by the catalog module. */
export interface ListingForAuction {
  id: string;
  sellerId: string;
  title: string;
  price: Money;
  published: boolean;
}

export interface AuctionListings {
  listing(listingId: string): Promise<ListingForAuction | null>;
}
export const AuctionListings = Symbol.for('AuctionListings');
