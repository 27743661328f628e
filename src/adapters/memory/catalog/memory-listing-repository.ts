import type { ListingRepository, ListingSearchQuery } from '../../../application/catalog/ports/listing-repository.js';
import type { PendingEvents } from '../../../application/shared/outbox/outbox.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import { listingErrors, type Listing, type ListingStatus } from '../../../domain/catalog/listing.js';
import { copyListing } from '../../shared/catalog/copies.js';
import { decodeCursor, encodeCursor, keysetOf, type ListingOrder } from '../../shared/catalog/listing-keyset.js';
import { compareStrings } from '../../shared/catalog/ordering.js';
import type { MemoryOutbox } from '../shared/memory-outbox.js';
import { compareToKeyset, listingComparator } from './keyset-compare.js';
import { ListingSearchIndex } from './listing-search-index.js';
import { indexListing, type IndexedListing } from './listing-search-predicate.js';

/**
 * ListingRepository in process memory, with the MongoDB adapter's semantics: conditional saves
 * on `version`, the same search filters, orders and keyset cursors. Stores and returns copies.
 * A write appends its events to the memory outbox and updates the search index in the same
 * synchronous step.
 */
export class MemoryListingRepository implements ListingRepository {
  private readonly entries = new Map<string, IndexedListing>();
  private readonly searchIndex = new ListingSearchIndex();

  constructor(private readonly outbox: MemoryOutbox) {}

  async create(listing: Listing, events: PendingEvents): Promise<void> {
    if (this.entries.has(listing.id)) throw new Error(`a listing with id ${listing.id} is already stored`);
    this.store(listing, events);
  }

  /** Check and write happen in one synchronous step, so of racing saves of one version exactly one wins. */
  async save(listing: Listing, events: PendingEvents): Promise<void> {
    const current = this.entries.get(listing.id);
    if (!current) throw listingErrors.notFound();
    if (current.listing.version !== listing.version - 1) throw listingErrors.concurrentUpdate();
    this.store(listing, events);
  }

  async findById(id: string): Promise<Listing | null> {
    const entry = this.entries.get(id);
    return entry ? copyListing(entry.listing) : null;
  }

  async search(query: ListingSearchQuery): Promise<Page<Listing>> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, query.sort);
    const found = this.searchIndex.find(query, after, query.limit + 1).map((entry) => entry.listing);
    return pageOf(found, query.sort, query.limit);
  }

  async listByStatus(status: ListingStatus, page: PageRequest): Promise<Page<Listing>> {
    return this.page(
      this.listingsWhere(({ listing }) => listing.status === status),
      'updated_asc',
      page,
    );
  }

  async findLinkingMedia(mediaId: string): Promise<Listing[]> {
    return this.listingsWhere(({ listing }) => listing.status !== 'archived' && listing.mediaIds.includes(mediaId))
      .sort((a, b) => compareStrings(a.id, b.id))
      .map(copyListing);
  }

  async existsInCategories(categoryIds: string[]): Promise<boolean> {
    return this.listingsWhere(({ listing }) => categoryIds.includes(listing.categoryId)).length > 0;
  }

  private store(listing: Listing, events: PendingEvents): void {
    const previous = this.entries.get(listing.id);
    if (previous) this.searchIndex.remove(previous);
    const entry = indexListing(copyListing(listing));
    this.entries.set(listing.id, entry);
    this.searchIndex.add(entry);
    this.outbox.append(`listings:${listing.id}`, events);
  }

  private listingsWhere(predicate: (entry: IndexedListing) => boolean): Listing[] {
    return [...this.entries.values()].filter(predicate).map((entry) => entry.listing);
  }

  /** Sorts, skips up to and including the cursor's position, and takes one page. */
  private page(listings: Listing[], order: ListingOrder, request: PageRequest): Page<Listing> {
    const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor, order);
    const sorted = listings
      .sort(listingComparator(order))
      .filter((listing) => after === undefined || compareToKeyset(listing, after, order) > 0);
    return pageOf(sorted, order, request.limit);
  }
}

/** The first `limit` listings of an ordered list, with a cursor after the last one if the list goes on. */
function pageOf(listings: Listing[], order: ListingOrder, limit: number): Page<Listing> {
  const items = listings.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = listings.length > items.length && last ? encodeCursor(order, keysetOf(last, order)) : null;
  return { items: items.map(copyListing), nextCursor };
}
