import type { Listing } from '../../../domain/catalog/listing.js';
import type { Page } from '../../shared/ports/page.js';
import type { CategoryReader } from '../category-reader.js';
import type { ListingRepository, ListingSearchQuery } from '../ports/listing-repository.js';

export type SearchListingsQuery = Omit<ListingSearchQuery, 'categoryIds'> & { categoryId?: string };

/** Public search over published listings; a category filter covers its whole subtree. */
export class SearchListings {
  constructor(
    private readonly listings: ListingRepository,
    private readonly reader: CategoryReader,
  ) {}

  async execute(query: SearchListingsQuery): Promise<Page<Listing>> {
    const { categoryId, ...rest } = query;
    if (categoryId === undefined) return this.listings.search(rest);
    const categoryIds = await this.reader.subtreeIds(categoryId);
    if (categoryIds.length === 0) return { items: [], nextCursor: null };
    return this.listings.search({ ...rest, categoryIds });
  }
}
