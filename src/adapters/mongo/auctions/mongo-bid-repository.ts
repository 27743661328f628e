import type { Collection, Db, Filter, MongoBulkWriteError } from 'mongodb';
import type {
  BidderMaximum,
  BidLogFilter,
  BidRepository,
  StoredBid,
} from '../../../application/auctions/ports/bid-repository.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import { decodeSequenceCursor, sequencePage } from '../../shared/newest-first-pages.js';
import { higherMaximum, maximumOf } from '../../shared/auctions/bidder-maximum.js';
import { GroupedWrites, type GroupOutcome } from '../../shared/grouped-writes.js';

const stored: GroupOutcome<void> = { ok: true, result: undefined };

/** Documents stored before 1.1 have neither kind (they are bids) nor alias. */
type BidDocument = Omit<StoredBid, 'id' | 'kind' | 'bidderAlias'> & { _id: string } & Partial<
    Pick<StoredBid, 'kind' | 'bidderAlias'>
  >;

function toDocument(bid: StoredBid): BidDocument {
  const { id, maxPrice, ...rest } = bid;
  // Left out rather than undefined, which the driver would store as null.
  return { _id: id, ...rest, ...(maxPrice ? { maxPrice } : {}) };
}

function toBid(document: BidDocument): StoredBid {
  const { _id, maxPrice, kind, bidderAlias, ...rest } = document;
  return { id: _id, ...rest, bidderAlias: bidderAlias ?? '', kind: kind ?? 'bid', ...(maxPrice ? { maxPrice } : {}) };
}

/** The entries of one kind; a bid may be stored without one. */
function ofKind(filter: BidLogFilter): Filter<BidDocument> {
  if (!filter.kind) return {};
  return filter.kind === 'bid' ? { kind: { $ne: 'max_raise' } } : { kind: filter.kind };
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
      if (!isBulkWriteError(error)) throw error;
      const failed = new Map([error.writeErrors].flat().map((writeError) => [writeError.index, writeError]));
      return documents.map((_, index) => {
        const writeError = failed.get(index);
        return writeError === undefined || writeError.code === 11000
          ? stored
          : { ok: false, error: writeError.toJSON() };
      });
    }
  }

  /**
   * Two small queries, each the top entry of its kind: the highest maxPrice among entries with one,
   * the highest price among those without (their maximum); the higher of the two wins.
   */
  async highestMaximum(
    auctionId: string,
    options: { excludedBidderIds: string[]; atLeast: number },
  ): Promise<BidderMaximum | null> {
    const base: Filter<BidDocument> = { auctionId, bidderId: { $nin: options.excludedBidderIds } };
    const top = async (filter: Filter<BidDocument>, field: 'maxPrice.amount' | 'price.amount') => {
      const [document] = await this.collection
        .find({ ...base, ...filter })
        .sort({ [field]: -1, sequence: 1 })
        .limit(1)
        .toArray();
      return document ? maximumOf(toBid(document)) : null;
    };
    const [withMax, withoutMax] = await Promise.all([
      top({ 'maxPrice.amount': { $gte: options.atLeast } }, 'maxPrice.amount'),
      top({ maxPrice: { $exists: false }, 'price.amount': { $gte: options.atLeast } }, 'price.amount'),
    ]);
    return higherMaximum(withMax, withoutMax);
  }

  async listByAuction(auctionId: string, page: PageRequest, kinds: BidLogFilter = {}): Promise<Page<StoredBid>> {
    const after = page.cursor ? decodeSequenceCursor(page.cursor) : undefined;
    const filter: Filter<BidDocument> = {
      auctionId,
      ...ofKind(kinds),
      ...(after === undefined ? {} : { sequence: { $lt: after } }),
    };
    const documents = await this.collection
      .find(filter)
      .sort({ sequence: -1 })
      .limit(page.limit + 1)
      .toArray();
    return sequencePage(documents.map(toBid), page.limit);
  }
}

/** MongoBulkWriteError, told by its name (this module does not load the driver: see mongo-connection.ts). */
const isBulkWriteError = (error: unknown): error is MongoBulkWriteError =>
  error instanceof Error && error.name === 'MongoBulkWriteError';
