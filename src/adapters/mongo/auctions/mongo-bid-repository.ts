import type { Collection, Db, Filter } from 'mongodb';
import type { BidRepository, StoredBid } from '../../../application/auctions/ports/bid-repository.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import { decodeSequenceCursor, sequencePage } from '../../shared/newest-first-pages.js';
import { isDuplicateKeyError } from '../shared/errors.js';

type BidDocument = Omit<StoredBid, 'id'> & { _id: string };

function toDocument(bid: StoredBid): BidDocument {
  const { id, maxPrice, ...rest } = bid;
  // Left out rather than undefined, which the driver would store as null.
  return { _id: id, ...rest, ...(maxPrice ? { maxPrice } : {}) };
}

function toBid(document: BidDocument): StoredBid {
  const { _id, maxPrice, ...rest } = document;
  return { id: _id, ...rest, ...(maxPrice ? { maxPrice } : {}) };
}

export class MongoBidRepository implements BidRepository {
  private readonly collection: Collection<BidDocument>;

  constructor(db: Db) {
    this.collection = db.collection<BidDocument>('auction_bids');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ auctionId: 1, sequence: -1 }, { name: 'auction_sequence' });
  }

  /** The bid id is the _id: a retried append hits the duplicate key and stores nothing more. */
  async append(bid: StoredBid): Promise<void> {
    try {
      await this.collection.insertOne(toDocument(bid));
    } catch (error) {
      if (!isDuplicateKeyError(error, '_id')) throw error;
    }
  }

  async listByAuction(auctionId: string, page: PageRequest): Promise<Page<StoredBid>> {
    const after = page.cursor ? decodeSequenceCursor(page.cursor) : undefined;
    const filter: Filter<BidDocument> = after === undefined ? { auctionId } : { auctionId, sequence: { $lt: after } };
    const documents = await this.collection.find(filter).sort({ sequence: -1 }).limit(page.limit + 1).toArray();
    return sequencePage(documents.map(toBid), page.limit);
  }
}
