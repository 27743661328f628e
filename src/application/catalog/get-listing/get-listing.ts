import type { Listing } from '../../../domain/catalog/listing.js';
import type { Actor } from '../../shared/actor.js';
import { loadVisibleListing } from '../listing-access.js';
import type { ListingRepository } from '../ports/listing-repository.js';

export class GetListing {
  constructor(private readonly listings: ListingRepository) {}

  execute(id: string, viewer: Actor | undefined): Promise<Listing> {
    return loadVisibleListing(this.listings, id, viewer);
  }
}
