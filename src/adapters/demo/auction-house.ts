import { isFinal, type Auction } from '../../domain/auctions/auction.js';
import type { AuctionStatus } from '../../domain/auctions/auction-errors.js';
import type { DemoSettings } from '../../config.js';
import { demoLot, lotNumberOf, type DemoLot } from './auction-lots.js';
import { shouldOpenAuction, type Random } from './bot-strategy.js';
import type { DemoCast, DemoUser } from './demo-cast.js';
import type { DemoDeps } from './demo-deps.js';
import { publishDemoListing } from './demo-listings.js';
import { attempt } from './demo-refusals.js';

const PAGE = { limit: 100 };

/** A lot whose listing is published but whose auction is not created yet (the stock ledger follows a moment later). */
interface PendingLot {
  listingId: string;
  lot: DemoLot;
  /** Creates refused so far: a lot that never becomes auctionable is given up after MAX_OPEN_ATTEMPTS. */
  refusals: number;
}

const MAX_OPEN_ATTEMPTS = 40;

/**
 * The demo's auctioneer: seller2 keeps demo auctions running (`shouldOpenAuction`), each of a new one-unit lot
 * listing. It knows the auctions it watches by id; on its first look (a start, or a restart on real stores) it finds
 * seller2's open auctions in the stores and carries on from them, so a restart opens none more than needed.
 */
export class DemoAuctionHouse {
  private watched: Set<string> | null = null;
  private nextLot = 1;
  private pending: PendingLot | null = null;

  constructor(
    private readonly deps: DemoDeps,
    private readonly cast: DemoCast,
    private readonly settings: DemoSettings,
    private readonly random: Random,
  ) {}

  private get seller(): DemoUser {
    return this.cast.sellers[1]!;
  }

  /**
   * The watched auctions as they stand now; one that has ended or was cancelled is answered this once, then
   * forgotten.
   */
  async look(): Promise<Auction[]> {
    this.watched ??= await this.recover();
    const found = await Promise.all(
      [...this.watched].map((id) => attempt(this.deps.logger, 'read a demo auction', () => this.auction(id))),
    );
    const auctions = found.filter((auction): auction is Auction => auction !== undefined);
    for (const auction of auctions) if (isFinal(auction.status)) this.watched.delete(auction.id);
    return auctions;
  }

  /** Opens a new auction when `shouldOpenAuction` says so, given the auctions still open. */
  async openIfDue(open: readonly Auction[]): Promise<Auction | undefined> {
    if (!shouldOpenAuction(open, this.deps.clock.now(), this.settings.auctionSeconds)) return undefined;
    this.pending ??= (await attempt(this.deps.logger, 'publish a demo lot', () => this.publishLot())) ?? null;
    if (!this.pending) return undefined;
    const { listingId, lot } = this.pending;
    const endsAt = new Date(this.deps.clock.now().getTime() + this.settings.auctionSeconds * 1000);
    const opened = await attempt(this.deps.logger, 'open a demo auction', () =>
      this.deps.auctions.createAuction.execute({ sellerId: this.seller.id, listingId, endsAt, ...lot.terms }),
    );
    if (!opened) {
      // Most likely the lot's unit is not in the stock ledger yet: tried again next tick.
      this.pending.refusals += 1;
      if (this.pending.refusals >= MAX_OPEN_ATTEMPTS) this.pending = null;
      return undefined;
    }
    this.pending = null;
    this.watched?.add(opened.id);
    this.deps.logger.info({ auctionId: opened.id, title: opened.title }, 'demo: auction opened');
    return opened;
  }

  private async auction(id: string): Promise<Auction> {
    return this.deps.auctions.getAuction.execute(id);
  }

  private async publishLot(): Promise<PendingLot> {
    const { attributes } = await this.deps.catalog.getCategory.execute(this.cast.auctionCategoryId);
    const lot = demoLot(
      this.nextLot++,
      this.cast.auctionCategoryId,
      attributes,
      this.settings.auctionSeconds,
      this.random,
    );
    const listingId = await publishDemoListing(this.deps, this.cast.admin, this.seller, lot.listing);
    return { listingId, lot, refusals: 0 };
  }

  /** seller2's open auctions in the stores, and the next lot number after the newest lot seen. */
  private async recover(): Promise<Set<string>> {
    const open = [...(await this.sellersAuctions('live')), ...(await this.sellersAuctions('scheduled'))];
    const newest = await this.deps.auctions.listAuctions.execute({}, PAGE);
    const numbers = [...open, ...newest.items.filter((a) => a.sellerId === this.seller.id)].map((a) =>
      lotNumberOf(a.title),
    );
    this.nextLot = Math.max(0, ...numbers.filter((n): n is number => n !== null)) + 1;
    return new Set(open.map((auction) => auction.id));
  }

  private async sellersAuctions(status: AuctionStatus): Promise<Auction[]> {
    const mine: Auction[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.auctions.listAuctions.execute(
        { status },
        { ...PAGE, ...(cursor ? { cursor } : {}) },
      );
      mine.push(...page.items.filter((auction) => auction.sellerId === this.seller.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return mine;
  }
}
