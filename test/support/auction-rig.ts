import { randomUUID } from 'node:crypto';
import { connectRedis } from '../../src/adapters/redis/redis-connection.js';
import type { Db } from 'mongodb';
import { AuctionEvents } from '../../src/application/auctions/auction-events.js';
import { BuyNow } from '../../src/application/auctions/buy-now/buy-now.js';
import { CancelAuction } from '../../src/application/auctions/cancel-auction/cancel-auction.js';
import { CloseDueAuctions } from '../../src/application/auctions/close-due-auctions/close-due-auctions.js';
import { FinishClosedAuction } from '../../src/application/auctions/close-due-auctions/finish-closed-auction.js';
import { CreateAuction } from '../../src/application/auctions/create-auction/create-auction.js';
import { FollowAcceptedBids } from '../../src/application/auctions/follow-accepted-bids/follow-accepted-bids.js';
import { PlaceBid } from '../../src/application/auctions/place-bid/place-bid.js';
import type { AuctionListings } from '../../src/application/auctions/ports/auction-listings.js';
import type { AuctionLiveState } from '../../src/application/auctions/ports/auction-live-state.js';
import type { AuctionRepository } from '../../src/application/auctions/ports/auction-repository.js';
import type { AuctionSchedule } from '../../src/application/auctions/ports/auction-schedule.js';
import type { AuctionSellerGate } from '../../src/application/auctions/ports/auction-seller-gate.js';
import type { AuctionHoldResult, AuctionStock } from '../../src/application/auctions/ports/auction-stock.js';
import type { BidRepository, StoredBid } from '../../src/application/auctions/ports/bid-repository.js';
import { deduplicatingHandler } from '../../src/application/shared/events/deduplicating-handler.js';
import type { EventEnvelope } from '../../src/application/shared/events/envelope.js';
import { EventFactory } from '../../src/application/shared/events/event-factory.js';
import type { OutboxStore } from '../../src/application/shared/outbox/outbox.js';
import { OutboxRelay } from '../../src/application/shared/outbox/outbox-relay.js';
import { MemoryAuctionLiveState } from '../../src/adapters/memory/auctions/memory-auction-live-state.js';
import { MemoryAuctionRepository } from '../../src/adapters/memory/auctions/memory-auction-repository.js';
import { MemoryAuctionSchedule } from '../../src/adapters/memory/auctions/memory-auction-schedule.js';
import { MemoryBidRepository } from '../../src/adapters/memory/auctions/memory-bid-repository.js';
import { ManualClock } from '../../src/adapters/memory/shared/manual-clock.js';
import { MemoryHandledEventLog } from '../../src/adapters/memory/shared/memory-handled-event-log.js';
import { MemoryOutbox } from '../../src/adapters/memory/shared/memory-outbox.js';
import { SequentialIdGenerator } from '../../src/adapters/memory/shared/sequential-id-generator.js';
import { MongoAuctionRepository } from '../../src/adapters/mongo/auctions/mongo-auction-repository.js';
import { MongoBidRepository } from '../../src/adapters/mongo/auctions/mongo-bid-repository.js';
import { MongoOutboxStore } from '../../src/adapters/mongo/shared/mongo-outbox.js';
import { RedisAuctionLiveState } from '../../src/adapters/redis/auctions/redis-auction-live-state.js';
import { RedisAuctionSchedule } from '../../src/adapters/redis/auctions/redis-auction-schedule.js';
import { RedisOutboxStore } from '../../src/adapters/redis/shared/redis-outbox.js';
import type { Auction } from '../../src/domain/auctions/auction.js';
import { AUCTION_START, eur } from './auction-fixture.js';
import type { FaultPlan } from './fault-injection.js';
import { RecordingBus } from './outbox-helpers.js';
import { uniqueName } from './real-services.js';

/** The auction's unit in a stock ledger, as far as the auctions module sees it: held, or released once. */
export class FakeAuctionStock implements AuctionStock {
  readonly held = new Map<string, string>();
  /** Every release that gave a held unit back. */
  readonly released: string[] = [];

  async hold(listingId: string, auctionId: string): Promise<AuctionHoldResult> {
    this.held.set(auctionId, listingId);
    return 'held';
  }

  async release(_listingId: string, auctionId: string): Promise<void> {
    if (this.held.delete(auctionId)) this.released.push(auctionId);
  }
}

/** Every store the auctions module writes, shared by the "processes" of a test (they die, the stores stay). */
export interface AuctionStores {
  live: AuctionLiveState;
  auctions: AuctionRepository;
  bids: BidRepository;
  schedule: AuctionSchedule;
  stock: FakeAuctionStock;
  outboxes: OutboxStore[];
  /** A live state on the same data through another connection (another instance). */
  otherLive: AuctionLiveState;
  close(): Promise<void>;
}

export function memoryAuctionStores(): AuctionStores {
  const outbox = new MemoryOutbox();
  const bids = new MemoryBidRepository();
  const live = new MemoryAuctionLiveState(outbox, bids);
  const stores = {
    live,
    auctions: new MemoryAuctionRepository(outbox),
    bids,
    schedule: new MemoryAuctionSchedule(),
    stock: new FakeAuctionStock(),
  };
  return { ...stores, outboxes: [outbox], otherLive: live, close: async () => undefined };
}

/** The Redis live state and schedule, MongoDB auctions and bids, under a prefix of their own in `db`'s server. */
export async function realAuctionStores(redisUrl: string, db: Db): Promise<AuctionStores> {
  const prefix = `${uniqueName('uty_auction_rig')}:`;
  const redis = await connectRedis(redisUrl, () => undefined);
  const otherRedis = await connectRedis(redisUrl, () => undefined);
  const redisOutbox = new RedisOutboxStore(redis, prefix);
  const auctionOutbox = new MongoOutboxStore(db.collection('auctions'));
  await auctionOutbox.ensureIndexes();
  const auctions = new MongoAuctionRepository(db, auctionOutbox);
  const bids = new MongoBidRepository(db);
  await Promise.all([auctions.ensureIndexes(), bids.ensureIndexes()]);
  const live = new RedisAuctionLiveState(redis, prefix, {}, redisOutbox);
  const otherLive = new RedisAuctionLiveState(otherRedis, prefix, {}, redisOutbox);
  const close = async () => {
    await Promise.all([live.close(), otherLive.close()]);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await Promise.all([redis.quit(), otherRedis.quit()]);
  };
  const schedule = new RedisAuctionSchedule(redis, prefix);
  return {
    live,
    auctions,
    bids,
    schedule,
    stock: new FakeAuctionStock(),
    outboxes: [redisOutbox, auctionOutbox],
    otherLive,
    close,
  };
}

const listings: AuctionListings = {
  listing: async (id) => ({ id, sellerId: 'seller', title: 'Road bike', price: eur(1000), published: true }),
};
const sellers: AuctionSellerGate = { assertVerifiedSeller: async () => undefined };

/**
 * The auctions module of one app instance over the shared stores; with a plan, every port call is a step that may fail.
 */
export interface AuctionProcess {
  create: CreateAuction;
  placeBid: PlaceBid;
  cancel: CancelAuction;
  buyNow: BuyNow;
  closeDue: CloseDueAuctions;
  follow: FollowAcceptedBids;
}

/**
 * A test world: shared stores, a clock, a relay that publishes the outboxes to a recording bus,
 * and the broker's durable queue of the auctions' consumer (an event stays undelivered until a
 * handler completes it, so a dead process's deliveries come again to the next one).
 */
export class AuctionRig {
  readonly clock = new ManualClock(AUCTION_START);
  readonly bus = new RecordingBus(this.clock);
  readonly relay: OutboxRelay;
  private readonly handled = new MemoryHandledEventLog();
  private processes = 0;

  constructor(readonly stores: AuctionStores) {
    this.relay = new OutboxRelay(stores.outboxes, this.bus, this.clock, { owner: 'rig-relay' });
  }

  process(plan?: FaultPlan, live: AuctionLiveState = this.stores.live): AuctionProcess {
    this.processes += 1;
    const port = <T extends object>(name: string, target: T): T => (plan ? plan.wrap(name, target) : target);
    const [liveState, auctions, bids, schedule, stock] = [
      port('live', live),
      port('auctions', this.stores.auctions),
      port('bids', this.stores.bids),
      port('schedule', this.stores.schedule),
      port('stock', this.stores.stock),
    ];
    const ids = new SequentialIdGenerator(`p${this.processes}-${randomUUID().slice(0, 6)}`);
    const events = new AuctionEvents(new EventFactory(ids, this.clock));
    const follow = new FollowAcceptedBids(liveState, bids, auctions);
    const finish = new FinishClosedAuction(auctions, schedule, stock, follow);
    const settings = { antiSnipingSeconds: 0, maxExtensionSeconds: 0 };
    return {
      create: new CreateAuction(
        port('listings', listings),
        port('sellers', sellers),
        auctions,
        liveState,
        schedule,
        stock,
        events,
        ids,
        this.clock,
        settings,
      ),
      placeBid: new PlaceBid(liveState, auctions, events, ids, this.clock),
      cancel: new CancelAuction(auctions, liveState, schedule, finish, events, this.clock),
      buyNow: new BuyNow(auctions, liveState, schedule, finish, events, ids, this.clock),
      closeDue: new CloseDueAuctions(liveState, auctions, schedule, finish, events, this.clock),
      follow,
    };
  }

  /** A live auction of the seller ending an hour after the clock's now, created and delivered by a healthy process. */
  async openAuction(overrides: { reservePrice?: number; buyItNowPrice?: number } = {}): Promise<Auction> {
    const endsAt = new Date(this.clock.now().getTime() + 3_600_000);
    const terms = {
      sellerId: 'seller',
      listingId: `listing-${randomUUID()}`,
      startingPrice: eur(1000),
      minIncrement: eur(100),
      endsAt,
    };
    const prices = Object.fromEntries(Object.entries(overrides).map(([name, amount]) => [name, eur(amount)]));
    const auction = await this.process().create.execute({ ...terms, ...prices });
    await this.settle();
    return auction;
  }

  /**
   * Publishes what the outboxes hold and delivers the auctions' consumer's events to `to` (a healthy process by
   * default).
   */
  async settle(to: AuctionProcess = this.process()): Promise<void> {
    await this.relay.flush();
    type Followed = EventEnvelope<'auction.bid.placed' | 'auction.max.raised'>;
    const handle = deduplicatingHandler(this.handled, FollowAcceptedBids.consumer, (event: Followed) =>
      to.follow.handle(event),
    );
    for (const envelope of this.bus.published.filter(
      (event) => event.topic === 'auction.bid.placed' || event.topic === 'auction.max.raised',
    )) {
      await handle(structuredClone(envelope) as Followed).catch(() => undefined); // left for redelivery
    }
  }

  /**
   * Ids of the events published so far for the auction (payload.auctionId or data.auctionId), in order; repeats kept.
   */
  published(auctionId: string): string[] {
    return this.bus.published.filter((event) => aboutAuction(event, auctionId)).map((event) => event.id);
  }

  /** What each store says of the auction's bids: they must all agree once the outbox is settled. */
  async bidCounts(
    auctionId: string,
  ): Promise<{ live: number; stored: number; log: string[]; placed: string[]; pending: number }> {
    const log = await allBids(this.stores.bids, auctionId);
    return {
      live: (await this.stores.live.get(auctionId))?.bidCount ?? -1,
      stored: (await this.stores.auctions.findById(auctionId))?.bidCount ?? -1,
      log: log.map((bid) => bid.id).sort(),
      placed: [
        ...new Set(
          this.bus.published
            .filter((event) => event.topic === 'auction.bid.placed' && aboutAuction(event, auctionId))
            .map((event) => (event.payload as { bidId: string }).bidId),
        ),
      ].sort(),
      pending: (await this.stores.live.pendingLog(auctionId)).length,
    };
  }
}

function aboutAuction(event: EventEnvelope, auctionId: string): boolean {
  const payload = event.payload as { auctionId?: string; data?: { auctionId?: string } };
  return payload.auctionId === auctionId || payload.data?.auctionId === auctionId;
}

async function allBids(bids: BidRepository, auctionId: string): Promise<StoredBid[]> {
  const all: StoredBid[] = [];
  let cursor: string | undefined;
  do {
    const page = await bids.listByAuction(auctionId, { limit: 100, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}
