import { MongoBulkWriteError, type Collection, type Db, type Filter } from 'mongodb';
import type { BidRepository, StoredBid } from '../../../application/auctions/ports/bid-repository.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import { decodeSequenceCursor, sequencePage } from '../../shared/newest-first-pages.js';
import { GroupedWrites, type GroupOutcome } from '../../shared/grouped-writes.js';

const stored: GroupOutcome<void> = { ok: true, result: undefined };

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

  private readonly appends = new GroupedWrites<BidDocument, void>((_auction, documents) => this.insertGroup(documents));

  constructor(db: Db) {
    this.collection = db.collection<BidDocument>('auction_bids');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ auctionId: 1, sequence: -1 }, { name: 'auction_sequence' });
  }

  /**
   * The bid id is the _id: a retried append hits the duplicate key and stores nothing more. Appends
   * racing on one auction are inserted together (one insertMany per group, GroupedWrites).
   */
  async append(bid: StoredBid): Promise<void> {
    await this.appends.submit(bid.auctionId, toDocument(bid));
  }

  private async insertGroup(documents: BidDocument[]): Promise<GroupOutcome<void>[]> {
    try {
      await this.collection.insertMany(documents, { ordered: false });
      return documents.map(() => stored);
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error;
      const failed = new Map([error.writeErrors].flat().map((writeError) => [writeError.index, writeError]));
      return documents.map((_, index) => {
        const writeError = failed.get(index);
        return writeError === undefined || writeError.code === 11000 ? stored : { ok: false, error: writeError.toJSON() };
      });
    }
  }

  async listByAuction(auctionId: string, page: PageRequest): Promise<Page<StoredBid>> {
    const after = page.cursor ? decodeSequenceCursor(page.cursor) : undefined;
    const filter: Filter<BidDocument> = after === undefined ? { auctionId } : { auctionId, sequence: { $lt: after } };
    const documents = await this.collection.find(filter).sort({ sequence: -1 }).limit(page.limit + 1).toArray();
    return sequencePage(documents.map(toBid), page.limit);
  }
}
