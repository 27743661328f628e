import type { Listing } from '../../../domain/catalog/listing.js';
import type { Page, PageRequest } from '../../shared/ports/page.js';
import type { ListingRepository } from '../ports/listing-repository.js';

/** Listings waiting for a moderator, oldest first. */
export class ListModerationQueue {
  constructor(private readonly listings: ListingRepository) {}

  execute(page: PageRequest): Promise<Page<Listing>> {
    return this.listings.listByStatus('moderation', page);
  }
}
