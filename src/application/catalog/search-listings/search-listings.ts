import type { ListingWithStock } from '../get-listing/get-listing.js';
import type { Page } from '../../shared/ports/page.js';
import type { CategoryReader } from '../category-reader.js';
import type { ListingRepository, ListingSearchQuery } from '../ports/listing-repository.js';
import type { StockAvailability } from '../ports/stock-availability.js';

export type SearchListingsQuery = Omit<ListingSearchQuery, 'categoryIds'> & { categoryId?: string };

/** Public search over published listings; a category filter covers its whole subtree. */
export class SearchListings {
  constructor(
    private readonly listings: ListingRepository,
    private readonly reader: CategoryReader,
    private readonly stock: StockAvailability,
  ) {}

  async execute(query: SearchListingsQuery): Promise<Page<ListingWithStock>> {
    const { categoryId, ...rest } = query;
    const categoryIds = categoryId === undefined ? undefined : await this.reader.subtreeIds(categoryId);
    if (categoryIds?.length === 0) return { items: [], nextCursor: null };
    const page = await this.listings.search(categoryIds ? { ...rest, categoryIds } : rest);
    const available = await this.stock.availableOf(page.items.map((l) => l.id));
    return {
      items: page.items.map((listing) => ({
        listing,
        availableQuantity: available.get(listing.id) ?? listing.quantity,
      })),
      nextCursor: page.nextCursor,
    };
  }
}
