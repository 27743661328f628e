import type { AuctionListings, ListingForAuction } from '../../application/auctions/ports/auction-listings.js';
import type { CatalogApi } from '../../application/catalog/public.js';

/** The auctions module's view of listings, served in-process by the catalog module's public API. */
export class CatalogAuctionListings implements AuctionListings {
  constructor(private readonly catalog: CatalogApi) {}

  listing(listingId: string): Promise<ListingForAuction | null> {
    return this.catalog.listing(listingId);
  }
}
