import type { Collection, Db, Filter } from 'mongodb';
import type { AuctionFilter, AuctionRepository } from '../../../application/auctions/ports/auction-repository.js';
import type { PendingEvents } from '../../../application/shared/outbox/outbox.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import {
  FINAL_STATUSES,
  isFinal,
  isNewerState,
  OPEN_STATUSES,
  type Auction,
} from '../../../domain/auctions/auction.js';
import { decodeCursor, newestFirstPage } from '../../shared/newest-first-pages.js';
import { GroupedWrites, type GroupOutcome } from '../../shared/grouped-writes.js';
import { isDuplicateKeyError } from '../shared/errors.js';
import { insertWithOutbox, type MongoOutboxStore, type OutboxFields } from '../shared/mongo-outbox.js';
import { newestFirstAfter } from '../shared/newest-first-filter.js';

type AuctionDocument = Omit<Auction, 'id'> & { _id: string } & OutboxFields;

/**
 * The open auction of a listing, keyed by the listing: the unique _id makes "one open auction per
 * listing" hold under racing creates even on FerretDB, whose conditional updates are not atomic
 * and which has neither partial unique indexes nor transactions (an insert on a unique _id is
 * atomic on both). `claimedAt` (wall clock) tells a claim still being completed from one left by a
 * crash before its auction was inserted.
 */
interface ListingClaim {
  _id: string;
  auctionId: string;
  claimedAt: Date;
}

/**
 * The stored auction is one `auction` replaces: the domain's `isNewerState(auction, stored)` as a
 * filter, so that the update is one conditional write (test/contract/auctions/auction-repository
 * proves it agrees with the memory repository, which calls the rule). Not final; a final state
 * comes after every raise (only a bid count can make it stale); an open one without bids has no
 * leader maximum yet.
 */
function replacedBy(auction: Auction): Filter<AuctionDocument> {
  const { bidCount, leaderMaxAmount } = auction;
  const notFinal: Filter<AuctionDocument> = { status: { $nin: [...FINAL_STATUSES] } };
  if (isFinal(auction.status) || leaderMaxAmount === null) return { ...notFinal, bidCount: { $lte: bidCount } };
  const furtherOn = [{ bidCount: { $lt: bidCount } }, { bidCount, leaderMaxAmount: { $lte: leaderMaxAmount } }];
  return { ...notFinal, $or: furtherOn };
}

/**
 * How long a claim whose auction is not stored yet is taken as a create in flight (the auction
 * insert follows the claim insert at once). Generous, so instances' clock skew cannot matter.
 */
const CLAIM_GRACE_MS = 60_000;

/** Undefined optional fields are left out: the driver would store them as null. */
function toDocument(auction: Auction): AuctionDocument {
  const { id, ...rest } = auction;
  return { _id: id, ...withoutUndefined(rest) };
}

function toAuction(document: AuctionDocument): Auction {
  const { _id, outbox: _outbox, outboxPending: _pending, outboxLease: _lease, ...rest } = document;
  // A document stored before aliases (1.1) knows only its leader as a bidder.
  const auction: Auction = {
    id: _id,
    ...rest,
    bidders: rest.bidders ?? (rest.leadingBidderId ? [rest.leadingBidderId] : []),
  };
  // A null winnerId means "nobody won" and stays; these are only ever absent or set.
  for (const key of ['reservePrice', 'buyItNowPrice', 'orderId'] as const)
    if (auction[key] == null) delete auction[key];
  return auction;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Auctions in the `auctions` collection; a create's events are kept in the new document's outbox
 * (the single-document outbox, published by the relay through `outbox`).
 */
export class MongoAuctionRepository implements AuctionRepository {
  private readonly collection: Collection<AuctionDocument>;
  private readonly claims: Collection<ListingClaim>;
  private readonly states = new GroupedWrites<Auction, void>((_auction, group) => this.writeNewest(group));

  constructor(
    db: Db,
    private readonly outbox: MongoOutboxStore,
  ) {
    this.collection = outbox.serializedWrites(db.collection<AuctionDocument>('auctions'));
    this.claims = db.collection<ListingClaim>('auction_listing_claims');
  }

  /** One by one: FerretDB fails on a createIndexes naming several. */
  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ status: 1, createdAt: -1, _id: -1 }, { name: 'status_newest' });
    await this.collection.createIndex({ createdAt: -1, _id: -1 }, { name: 'newest' });
  }

  async create(auction: Auction, events: PendingEvents): Promise<boolean> {
    if (!(await this.claim(auction))) return false;
    try {
      await this.collection.insertOne(insertWithOutbox(toDocument(auction), events));
    } catch (error) {
      // Free the listing again: the auction was not stored.
      await this.claims.deleteOne({ _id: auction.listingId, auctionId: auction.id });
      throw error;
    }
    this.outbox.written(events);
    return true;
  }

  async findById(id: string): Promise<Auction | null> {
    const document = await this.collection.findOne({ _id: id });
    return document ? toAuction(document) : null;
  }

  /**
   * States of one auction saved while another is being written are coalesced: only the newest of
   * the group is written (GroupedWrites), which is what writing them all in turn would leave, since
   * the conditional update never lets an older state overwrite a newer one.
   */
  saveState(auction: Auction): Promise<void> {
    return this.states.submit(auction.id, auction);
  }

  private async writeNewest(group: Auction[]): Promise<GroupOutcome<void>[]> {
    await this.writeState(group.reduce((kept, next) => (isNewerState(next, kept) ? next : kept)));
    return group.map(() => ({ ok: true, result: undefined }));
  }

  private async writeState(auction: Auction): Promise<void> {
    const { _id, ...fields } = toDocument(auction);
    await this.collection.updateOne({ _id, ...replacedBy(auction) }, { $set: fields });
    if (isFinal(auction.status)) await this.releaseClaimIfFinal(auction);
  }

  async recordOrder(auctionId: string, orderId: string): Promise<void> {
    await this.collection.updateOne({ _id: auctionId }, { $set: { orderId } });
  }

  async list(filter: AuctionFilter, page: PageRequest): Promise<Page<Auction>> {
    const key = page.cursor ? decodeCursor(page.cursor) : undefined;
    const byStatus: Filter<AuctionDocument> = filter.status ? { status: filter.status } : {};
    const documents = await this.collection
      .find({ ...byStatus, ...newestFirstAfter(key) })
      .sort({ createdAt: -1, _id: -1 })
      .limit(page.limit + 1)
      .toArray();
    return newestFirstPage(documents.map(toAuction), page.limit);
  }

  async listOpen(): Promise<Auction[]> {
    const documents = await this.collection
      .find({ status: { $in: [...OPEN_STATUSES] } })
      .sort({ createdAt: -1, _id: -1 })
      .toArray();
    return documents.map(toAuction);
  }

  /** Takes the listing for `auction`; a stale claim is dropped and the insert tried once more. */
  private async claim(auction: Auction, retry = true): Promise<boolean> {
    try {
      await this.claims.insertOne({ _id: auction.listingId, auctionId: auction.id, claimedAt: new Date() });
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    if (!retry || !(await this.dropStaleClaim(auction.listingId))) return false;
    return this.claim(auction, false);
  }

  /**
   * Whether the listing's claim no longer holds it (and is gone now): its auction ended or was
   * cancelled (a crash between that save and the claim's release), or was never stored (a crash
   * between the two inserts of a create). Deleted only if still that auction's, so of racing
   * creates that each found it stale the retried inserts still let just one win.
   */
  private async dropStaleClaim(listingId: string): Promise<boolean> {
    const claim = await this.claims.findOne({ _id: listingId });
    if (!claim) return true;
    if (!(await this.isStale(claim))) return false;
    await this.claims.deleteOne({ _id: listingId, auctionId: claim.auctionId });
    return true;
  }

  private async isStale(claim: ListingClaim): Promise<boolean> {
    const holder = await this.collection.findOne({ _id: claim.auctionId }, { projection: { status: 1 } });
    if (holder) return isFinal(holder.status);
    // Missing: stale only once the create that claimed it has had time to insert the auction.
    return Date.now() - claim.claimedAt.getTime() > CLAIM_GRACE_MS;
  }

  /**
   * Frees the listing once the stored auction is final. The stored status is read rather than the
   * view's trusted: a stale view that saveState ignored must not free a listing still open.
   */
  private async releaseClaimIfFinal(auction: Auction): Promise<void> {
    const stored = await this.collection.findOne({ _id: auction.id }, { projection: { status: 1 } });
    if (stored && isFinal(stored.status))
      await this.claims.deleteOne({ _id: auction.listingId, auctionId: auction.id });
  }
}
