import type { ListingRepository, ListingSearchQuery } from '../../../application/catalog/ports/listing-repository.js';
import type { PendingEvents } from '../../../application/shared/outbox/outbox.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import { listingErrors, type Listing, type ListingStatus } from '../../../domain/catalog/listing.js';
import { copyListing } from '../../shared/catalog/copies.js';
import {
  decodeCursor,
  encodeCursor,
  keysetOf,
  listingOrders,
  type Keyset,
  type ListingOrder,
} from '../../shared/catalog/listing-keyset.js';
import { compareStrings } from '../../shared/catalog/ordering.js';
import type { MemoryOutbox } from '../shared/memory-outbox.js';
import { indexListing, searchPredicate, type IndexedListing } from './listing-search-predicate.js';

/**
 * ListingRepository in process memory, with the MongoDB adapter's semantics: conditional saves
 * on `version`, the same search filters, orders and keyset cursors. Stores and returns copies.
 * A write appends its events to the memory outbox in the same synchronous step.
 */
export class MemoryListingRepository implements ListingRepository {
  private readonly entries = new Map<string, IndexedListing>();

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
    return this.page(this.listingsWhere(searchPredicate(query)), query.sort, query);
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
    this.entries.set(listing.id, indexListing(copyListing(listing)));
    this.outbox.append(`listings:${listing.id}`, events);
  }

  private listingsWhere(predicate: (entry: IndexedListing) => boolean): Listing[] {
    return [...this.entries.values()].filter(predicate).map((entry) => entry.listing);
  }

  /** Sorts, skips up to and including the cursor's position, and takes one page. */
  private page(listings: Listing[], order: ListingOrder, request: PageRequest): Page<Listing> {
    const compare = comparator(order);
    const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor, order);
    const sorted = listings
      .sort(compare)
      .filter((listing) => after === undefined || compareToKeyset(listing, after, order) > 0);
    const items = sorted.slice(0, request.limit);
    const last = items.at(-1);
    const nextCursor = sorted.length > items.length && last ? encodeCursor(order, keysetOf(last, order)) : null;
    return { items: items.map(copyListing), nextCursor };
  }
}

function comparator(order: ListingOrder): (a: Listing, b: Listing) => number {
  return (a, b) => compareToKeyset(a, keysetOf(b, order), order);
}

/** Negative when the listing comes before the position in this order, positive after. */
function compareToKeyset(listing: Listing, keyset: Keyset, order: ListingOrder): number {
  const { direction } = listingOrders[order];
  const own = keysetOf(listing, order);
  return direction * (own.value - keyset.value || compareStrings(own.id, keyset.id));
}
