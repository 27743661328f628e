import type { Listing } from '../../../domain/catalog/listing.js';
import type { Actor } from '../../shared/actor.js';
import { loadVisibleListing } from '../listing-access.js';
import type { ListingRepository } from '../ports/listing-repository.js';
import type { StockAvailability } from '../ports/stock-availability.js';

export interface ListingWithStock {
  listing: Listing;
  /** Stock minus live reservations; the quantity itself until the stock keeper knows the listing. */
  availableQuantity: number;
}

export class GetListing {
  constructor(
    private readonly listings: ListingRepository,
    private readonly stock: StockAvailability,
  ) {}

  async execute(id: string, viewer: Actor | undefined): Promise<ListingWithStock> {
    const listing = await loadVisibleListing(this.listings, id, viewer);
    const available = await this.stock.availableOf([listing.id]);
    return { listing, availableQuantity: available.get(listing.id) ?? listing.quantity };
  }
}
