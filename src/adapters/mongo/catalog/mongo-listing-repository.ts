import type { Collection, Db, IndexSpecification } from 'mongodb';
import type { ListingRepository, ListingSearchQuery } from '../../../application/catalog/ports/listing-repository.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import { listingErrors, listingStatuses, type Listing, type ListingStatus } from '../../../domain/catalog/listing.js';
import { toDocument, toListing, type ListingDocument } from './listing-document.js';
import { findPage } from './listing-pages.js';
import { searchFilter } from './listing-search-filter.js';

const indexes: Record<string, IndexSpecification> = {
  status_category_newest: { status: 1, categoryId: 1, publishedAt: -1, _id: -1 },
  status_newest: { status: 1, publishedAt: -1, _id: -1 },
  status_price: { status: 1, 'price.amount': 1, _id: 1 },
  seller_status_newest: { sellerId: 1, status: 1, publishedAt: -1, _id: -1 },
  searchTokens: { searchTokens: 1 },
  mediaIds: { mediaIds: 1 },
  status_updated: { status: 1, updatedAt: 1, _id: 1 },
};

/**
 * Listings in the `listings` collection, `_id` = id. Saves are conditional on `version`. Search
 * pages by keyset over the indexes below; text search matches the stored `searchTokens`.
 */
export class MongoListingRepository implements ListingRepository {
  private readonly listings: Collection<ListingDocument>;

  constructor(db: Db) {
    this.listings = db.collection<ListingDocument>('listings', { ignoreUndefined: true });
  }

  /**
   * Creates the indexes that search, the moderation queue and the media and category lookups use;
   * call once at start. One `createIndex` each: FerretDB 1.24 panics on a `createIndexes` of
   * several indexes that already exist.
   */
  async ensureIndexes(): Promise<void> {
    for (const [name, key] of Object.entries(indexes)) await this.listings.createIndex(key, { name });
  }

  async create(listing: Listing): Promise<void> {
    await this.listings.insertOne(toDocument(listing));
  }

  /**
   * Replaces the document only while it still holds the previous version. Atomic on MongoDB; on
   * FerretDB a conditional write is not atomic, so two racing saves of one version may both pass.
   */
  async save(listing: Listing): Promise<void> {
    const result = await this.listings.replaceOne({ _id: listing.id, version: listing.version - 1 }, toDocument(listing));
    if (result.matchedCount === 1) return;
    const stored = await this.listings.findOne({ _id: listing.id }, { projection: { _id: 1 } });
    throw stored ? listingErrors.concurrentUpdate() : listingErrors.notFound();
  }

  async findById(id: string): Promise<Listing | null> {
    const document = await this.listings.findOne({ _id: id });
    return document && toListing(document);
  }

  async search(query: ListingSearchQuery): Promise<Page<Listing>> {
    return findPage(this.listings, searchFilter(query), query.sort, query);
  }

  async listByStatus(status: ListingStatus, page: PageRequest): Promise<Page<Listing>> {
    return findPage(this.listings, { filter: { status }, and: [] }, 'updated_asc', page);
  }

  async findLinkingMedia(mediaId: string): Promise<Listing[]> {
    const documents = await this.listings.find({ mediaIds: mediaId, status: { $ne: 'archived' } }).sort({ _id: 1 }).toArray();
    return documents.map(toListing);
  }

  /** Names every status so that the (status, categoryId, ...) index serves the lookup. */
  async existsInCategories(categoryIds: string[]): Promise<boolean> {
    const found = await this.listings.findOne({ status: { $in: [...listingStatuses] }, categoryId: { $in: categoryIds } }, { projection: { _id: 1 } });
    return found !== null;
  }
}
