import type { AuctionListings, ListingForAuction } from '../../application/auctions/ports/auction-listings.js';
import type { ListingRepository } from '../../application/catalog/ports/listing-repository.js';

/** The auctions module's view of listings, served in-process by the catalog module. */
export class CatalogAuctionListings implements AuctionListings {
  constructor(private readonly listings: ListingRepository) {}

  async listing(listingId: string): Promise<ListingForAuction | null> {
    const found = await this.listings.findById(listingId);
    return found && { id: found.id, sellerId: found.sellerId, title: found.title, price: found.price, published: found.status === 'published' };
  }
}
