import type { Collection, Db, IndexSpecification } from 'mongodb';
import type { ListingRepository, ListingSearchQuery } from '../../../application/catalog/ports/listing-repository.js';
import type { PendingEvents } from '../../../application/shared/outbox/outbox.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import { listingErrors, listingStatuses, type Listing, type ListingStatus } from '../../../domain/catalog/listing.js';
import { toDocument, toListing, type ListingDocument } from './listing-document.js';
import { insertWithOutbox, replaceWithOutbox, type MongoOutboxStore } from '../shared/mongo-outbox.js';
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

/** Fields a listing may lack: a save removes them from the document when absent. */
const OPTIONAL_FIELDS = ['moderationReason', 'publishedAt'] as const;

/**
 * Listings in the `listings` collection, `_id` = id. Saves are conditional on `version`. Search
 * pages by keyset over the indexes below; text search matches the stored `searchTokens`.
 * A write's events go into the document's own outbox in the same single-document write; saves are
 * updates (never replaces), so events still pending stay in place.
 */
export class MongoListingRepository implements ListingRepository {
  private readonly listings: Collection<ListingDocument>;

  constructor(
    db: Db,
    private readonly outbox: MongoOutboxStore,
  ) {
    this.listings = outbox.serializedWrites(db.collection<ListingDocument>('listings', { ignoreUndefined: true }));
  }

  /**
   * Creates the indexes that search, the moderation queue and the media and category lookups use;
   * call once at start. One `createIndex` each: FerretDB 1.24 panics on a `createIndexes` of
   * several indexes that already exist.
   */
  async ensureIndexes(): Promise<void> {
    for (const [name, key] of Object.entries(indexes)) await this.listings.createIndex(key, { name });
  }

  async create(listing: Listing, events: PendingEvents): Promise<void> {
    await this.listings.insertOne(insertWithOutbox(toDocument(listing), events));
    this.outbox.written(events);
  }

  /**
   * Rewrites the document only while it still holds the previous version. Atomic on MongoDB; on
   * FerretDB a conditional write is not atomic, so two racing saves of one version may both pass.
   */
  async save(listing: Listing, events: PendingEvents): Promise<void> {
    const update = replaceWithOutbox(toDocument(listing), events, OPTIONAL_FIELDS);
    const result = await this.listings.updateOne({ _id: listing.id, version: listing.version - 1 }, update);
    if (result.matchedCount === 1) return this.outbox.written(events);
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
    const documents = await this.listings
      .find({ mediaIds: mediaId, status: { $ne: 'archived' } })
      .sort({ _id: 1 })
      .toArray();
    return documents.map(toListing);
  }

  /** Names every status so that the (status, categoryId, ...) index serves the lookup. */
  async existsInCategories(categoryIds: string[]): Promise<boolean> {
    const found = await this.listings.findOne(
      { status: { $in: [...listingStatuses] }, categoryId: { $in: categoryIds } },
      { projection: { _id: 1 } },
    );
    return found !== null;
  }
}
