import type { AuctionFilter, AuctionRepository } from '../../../application/auctions/ports/auction-repository.js';
import type { PendingEvents } from '../../../application/shared/outbox/outbox.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import { isFinal, isNewerState, type Auction } from '../../../domain/auctions/auction.js';
import { decodeCursor, isAfter, newestFirst, newestFirstPage } from '../../shared/newest-first-pages.js';
import type { MemoryOutbox } from '../shared/memory-outbox.js';
import { deepCopy } from '../shared/deep-copy.js';

/**
 * AuctionRepository in process memory. Every method decides and writes before its first `await`
 * (there is none), so each is atomic within the process: of racing creates one wins, and a
 * create's events go to the MemoryOutbox in its step. Auctions are copied in and out, so callers
 * never share the stored objects (Dates stay Dates).
 */
export class MemoryAuctionRepository implements AuctionRepository {
  private readonly auctions = new Map<string, Auction>();

  constructor(private readonly outbox: MemoryOutbox) {}

  async create(auction: Auction, events: PendingEvents): Promise<boolean> {
    if (this.auctions.has(auction.id)) throw new Error(`auction ${auction.id} is already stored`);
    if ([...this.auctions.values()].some((a) => a.listingId === auction.listingId && !isFinal(a.status))) return false;
    this.auctions.set(auction.id, deepCopy(auction));
    this.outbox.append(`auction:${auction.id}`, events);
    return true;
  }

  async findById(id: string): Promise<Auction | null> {
    const auction = this.auctions.get(id);
    return auction ? deepCopy(auction) : null;
  }

  async saveState(auction: Auction): Promise<void> {
    const stored = this.auctions.get(auction.id);
    if (!stored || !isNewerState(auction, stored)) return;
    // A merge, as MongoDB's $set: fields the view lacks (an orderId) stay as stored.
    this.auctions.set(auction.id, { ...stored, ...deepCopy(auction) });
  }

  async recordOrder(auctionId: string, orderId: string): Promise<void> {
    const stored = this.auctions.get(auctionId);
    if (stored) stored.orderId = orderId;
  }

  async list(filter: AuctionFilter, page: PageRequest): Promise<Page<Auction>> {
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    const matches = (a: Auction) => (!filter.status || a.status === filter.status) && (!after || isAfter(a, after));
    const fetched = [...this.auctions.values()]
      .filter(matches)
      .sort(newestFirst)
      .slice(0, page.limit + 1);
    return newestFirstPage(fetched.map(deepCopy), page.limit);
  }

  async listOpen(): Promise<Auction[]> {
    return [...this.auctions.values()]
      .filter((a) => !isFinal(a.status))
      .sort(newestFirst)
      .map(deepCopy);
  }
}
