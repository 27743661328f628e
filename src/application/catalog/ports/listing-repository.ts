import type { AttributeValue } from '../../../domain/catalog/attributes.js';
import type { Listing, ListingStatus } from '../../../domain/catalog/listing.js';
import type { PendingEvents } from '../../shared/outbox/outbox.js';
import type { Page, PageRequest } from '../../shared/ports/page.js';

export type ListingSort = 'newest' | 'price_asc' | 'price_desc';

export type AttributeFilter =
  | { key: string; anyOf: AttributeValue[] } // equality (enum, boolean, string): any of these values
  | { key: string; min?: number; max?: number }; // numeric range, bounds included

/**
 * Search over published listings only. Every word of `text` must appear (as a whole word, case
 * and accents ignored) in the title or the description.
 */
export interface ListingSearchQuery extends PageRequest {
  text?: string;
  /** The category and its whole subtree, already expanded by the caller. */
  categoryIds?: string[];
  minPrice?: number;
  maxPrice?: number;
  attributes?: AttributeFilter[];
  sellerId?: string;
  sort: ListingSort;
}

/**
 * Listings. A write stores the events its change causes (`events`) in the same atomic step as the
 * listing (the transactional outbox): both are stored or neither; the outbox relay publishes them.
 */
export interface ListingRepository {
  create(listing: Listing, events: PendingEvents): Promise<void>;
  /**
   * Replaces the listing if its stored version is still `listing.version - 1`; otherwise throws
   * `LISTING_CONCURRENT_UPDATE` (or `LISTING_NOT_FOUND`) and stores no event.
   */
  save(listing: Listing, events: PendingEvents): Promise<void>;
  findById(id: string): Promise<Listing | null>;
  /**
   * Keyset pagination: newest = publishedAt desc, id desc; price_asc = amount asc, id asc;
   * price_desc = amount desc, id desc. No duplicates or gaps when listings are added between pages.
   */
  search(query: ListingSearchQuery): Promise<Page<Listing>>;
  /** Listings in one status, oldest update first (the admin moderation queue). */
  listByStatus(status: ListingStatus, page: PageRequest): Promise<Page<Listing>>;
  /** Listings (any status but archived) that link this media. */
  findLinkingMedia(mediaId: string): Promise<Listing[]>;
  /** Whether any listing (any status) is in one of these categories. */
  existsInCategories(categoryIds: string[]): Promise<boolean>;
}
export const ListingRepository = Symbol.for('ListingRepository');
