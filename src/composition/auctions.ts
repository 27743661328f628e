import type { Container } from 'inversify';
import type { Config } from '../config.js';
import { AuctionEvents } from '../application/auctions/auction-events.js';
import { AuctionUseCases } from '../application/auctions/use-cases.js';
import { BuyNow } from '../application/auctions/buy-now/buy-now.js';
import { CancelAuction } from '../application/auctions/cancel-auction/cancel-auction.js';
import { CloseDueAuctions } from '../application/auctions/close-due-auctions/close-due-auctions.js';
import { FinishClosedAuction } from '../application/auctions/close-due-auctions/finish-closed-auction.js';
import { CreateAuction, type AuctionSettings } from '../application/auctions/create-auction/create-auction.js';
import { FollowAcceptedBids } from '../application/auctions/follow-accepted-bids/follow-accepted-bids.js';
import { GetAuction } from '../application/auctions/get-auction/get-auction.js';
import { ListAuctions } from '../application/auctions/list-auctions/list-auctions.js';
import { ListBids } from '../application/auctions/list-bids/list-bids.js';
import { PlaceBid } from '../application/auctions/place-bid/place-bid.js';
import { AuctionListings } from '../application/auctions/ports/auction-listings.js';
import { AuctionLiveState } from '../application/auctions/ports/auction-live-state.js';
import { AuctionRepository } from '../application/auctions/ports/auction-repository.js';
import { AuctionSchedule } from '../application/auctions/ports/auction-schedule.js';
import { AuctionSellerGate } from '../application/auctions/ports/auction-seller-gate.js';
import { AuctionStock } from '../application/auctions/ports/auction-stock.js';
import { BidRepository } from '../application/auctions/ports/bid-repository.js';
import { ReconcileAuctions } from '../application/auctions/reconcile-auctions/reconcile-auctions.js';
import { RecordAuctionOrder } from '../application/auctions/record-auction-order/record-auction-order.js';
import { StartDueAuctions } from '../application/auctions/start-due-auctions/start-due-auctions.js';
import { CartApi } from '../application/cart/public.js';
import { CatalogApi } from '../application/catalog/public.js';
import { IdentityApi } from '../application/identity/public.js';
import { AuctionsApi } from '../application/auctions/public.js';
import { AuctionsPublicApi } from '../application/auctions/auctions-public-api.js';
import { EventBus } from '../application/shared/events/event-bus.js';
import { EventFactory, EventFactoryToken } from '../application/shared/events/event-factory.js';
import { Clock } from '../application/shared/ports/clock.js';
import { IdGenerator } from '../application/shared/ports/id-generator.js';
import { CartAuctionStock } from '../adapters/in-process/cart-auctions-stock.js';
import { CatalogAuctionListings } from '../adapters/in-process/catalog-auctions-listings.js';
import { IdentityAuctionSellerGate } from '../adapters/in-process/identity-auctions-seller-gate.js';
import { MemoryAuctionLiveState } from '../adapters/memory/auctions/memory-auction-live-state.js';
import { MemoryAuctionRepository } from '../adapters/memory/auctions/memory-auction-repository.js';
import { MemoryAuctionSchedule } from '../adapters/memory/auctions/memory-auction-schedule.js';
import { MemoryBidRepository } from '../adapters/memory/auctions/memory-bid-repository.js';
import { MongoAuctionRepository } from '../adapters/mongo/auctions/mongo-auction-repository.js';
import { MongoBidRepository } from '../adapters/mongo/auctions/mongo-bid-repository.js';
import { MemoryOutbox, MemoryOutboxToken } from '../adapters/memory/shared/memory-outbox.js';
import { LoggerToken, type Logger } from '../adapters/platform/logger.js';
import { RuntimeToken, type Runtime } from '../adapters/platform/runtime.js';
import { RedisAuctionLiveState } from '../adapters/redis/auctions/redis-auction-live-state.js';
import { RedisAuctionSchedule } from '../adapters/redis/auctions/redis-auction-schedule.js';
import { RedisOutboxStore } from '../adapters/redis/shared/redis-outbox.js';
import { bindUseCase, bindUseCaseSet } from './bind-use-case.js';
import { indexed, mongoOf, redisOf } from './connections.js';
import { bindPorts, port, type PortTable } from './port-wiring.js';
import { mongoOutboxStore } from './outbox.js';

const AuctionSettingsToken = Symbol.for('AuctionSettings');

/**
 * Auctions' wiring table: auctions and bids in MongoDB, live state and timetable in Redis. In
 * memory, the live state and the bid log are one store (a bid is in the log in the same step as
 * its acceptance) when the bid log is in memory too.
 */
export function auctionPorts(): PortTable {
  return [
    port<AuctionRepository>({
      name: 'auctionRepository',
      token: AuctionRepository,
      adapters: {
        memory: (container) => new MemoryAuctionRepository(container.get<MemoryOutbox>(MemoryOutboxToken)),
        mongodb: async (container) =>
          indexed(new MongoAuctionRepository(mongoOf(container), await mongoOutboxStore(container, 'auctions'))),
      },
    }),
    port<BidRepository>({
      name: 'bidRepository',
      token: BidRepository,
      adapters: {
        memory: () => new MemoryBidRepository(),
        mongodb: (container) => indexed(new MongoBidRepository(mongoOf(container))),
      },
    }),
    port<AuctionLiveState>({
      name: 'auctionLiveState',
      token: AuctionLiveState,
      adapters: { memory: memoryLiveState, redis: redisLiveState },
    }),
    port<AuctionSchedule>({
      name: 'auctionSchedule',
      token: AuctionSchedule,
      adapters: {
        memory: () => new MemoryAuctionSchedule(),
        redis: (container) => new RedisAuctionSchedule(...redisOf(container)),
      },
    }),
  ];
}

function memoryLiveState(container: Container): AuctionLiveState {
  const log = container.get<BidRepository>(BidRepository);
  const outbox = container.get<MemoryOutbox>(MemoryOutboxToken);
  return new MemoryAuctionLiveState(outbox, log instanceof MemoryBidRepository ? log : undefined);
}

function redisLiveState(container: Container): AuctionLiveState {
  const [redis, prefix] = redisOf(container);
  const live = new RedisAuctionLiveState(redis, prefix, {}, container.get(RedisOutboxStore));
  container.get<Runtime>(RuntimeToken).onShutdown('auction-live-state', () => live.close());
  return live;
}

function bindNeighbours(container: Container): void {
  container
    .bind<AuctionListings>(AuctionListings)
    .toResolvedValue((catalog: CatalogApi) => new CatalogAuctionListings(catalog), [CatalogApi]);
  container
    .bind<AuctionSellerGate>(AuctionSellerGate)
    .toResolvedValue((identity: IdentityApi) => new IdentityAuctionSellerGate(identity), [IdentityApi]);
  container.bind<AuctionStock>(AuctionStock).toResolvedValue((cart: CartApi) => new CartAuctionStock(cart), [CartApi]);
}

/**
 * Auctions: stored in MongoDB (or memory), live state and timetable in Redis (or memory). Bind after catalog, identity
 * and cart.
 */
export async function bindAuctions(container: Container, config: Config): Promise<void> {
  await bindPorts(container, config, auctionPorts());
  bindNeighbours(container);
  const settings: AuctionSettings = {
    antiSnipingSeconds: config.auctions.antiSnipingSeconds,
    maxExtensionSeconds: config.auctions.maxExtensionSeconds,
  };
  container
    .bind(AuctionEvents)
    .toResolvedValue((events: EventFactory) => new AuctionEvents(events), [EventFactoryToken]);
  container.bind<AuctionSettings>(AuctionSettingsToken).toConstantValue(settings);
  const bind = bindUseCase(container);
  bind(CreateAuction, [
    AuctionListings,
    AuctionSellerGate,
    AuctionRepository,
    AuctionLiveState,
    AuctionSchedule,
    AuctionStock,
    AuctionEvents,
    IdGenerator,
    Clock,
    AuctionSettingsToken,
  ]);
  bind(PlaceBid, [AuctionLiveState, AuctionRepository, AuctionEvents, IdGenerator, Clock]);
  bind(GetAuction, [AuctionRepository, AuctionLiveState, Clock]);
  bind(ListAuctions, [AuctionRepository, Clock]);
  bind(ListBids, [AuctionRepository, BidRepository]);
  bind(FollowAcceptedBids, [AuctionLiveState, BidRepository, AuctionRepository]);
  bind(FinishClosedAuction, [AuctionRepository, AuctionSchedule, AuctionStock, FollowAcceptedBids]);
  bind(CancelAuction, [
    AuctionRepository,
    AuctionLiveState,
    AuctionSchedule,
    FinishClosedAuction,
    AuctionEvents,
    Clock,
  ]);
  bind(BuyNow, [
    AuctionRepository,
    AuctionLiveState,
    AuctionSchedule,
    FinishClosedAuction,
    AuctionEvents,
    IdGenerator,
    Clock,
  ]);
  bind(CloseDueAuctions, [
    AuctionLiveState,
    AuctionRepository,
    AuctionSchedule,
    FinishClosedAuction,
    AuctionEvents,
    Clock,
  ]);
  bind(StartDueAuctions, [AuctionLiveState, AuctionRepository, AuctionSchedule, Clock]);
  bind(ReconcileAuctions, [AuctionRepository, AuctionLiveState, AuctionSchedule, Clock]);
  bind(RecordAuctionOrder, [AuctionRepository]);
  bindUseCaseSet(container, AuctionUseCases, {
    createAuction: CreateAuction,
    listAuctions: ListAuctions,
    getAuction: GetAuction,
    placeBid: PlaceBid,
    listBids: ListBids,
    cancelAuction: CancelAuction,
    buyNow: BuyNow,
  });
  container
    .bind<AuctionsApi>(AuctionsApi)
    .toResolvedValue(
      (auctions: AuctionRepository, bids: BidRepository) => new AuctionsPublicApi(auctions, bids),
      [AuctionRepository, BidRepository],
    );
}

/** The auctions' consumers; registered before the bus starts. */
export function subscribeAuctions(container: Container): void {
  const bus = container.get<EventBus>(EventBus);
  bus.subscribe({
    consumer: RecordAuctionOrder.consumer,
    topics: ['order.created'],
    handler: (event) => container.get(RecordAuctionOrder).handle(event),
  });
  bus.subscribe({
    consumer: FollowAcceptedBids.consumer,
    topics: ['auction.bid.placed', 'auction.max.raised'],
    handler: (event) => container.get(FollowAcceptedBids).handle(event),
  });
}

/**
 * Start-up work of the auctions: give the live state and the timer every open auction they lack,
 * then run the timer on every instance every AUCTION_TIMER_INTERVAL_MS (the live state's atomic
 * close makes that safe). A tick still running when the next is due is not doubled.
 */
export async function startAuctions(container: Container, config: Config): Promise<void> {
  const reloaded = await container.get(ReconcileAuctions).execute();
  const logger = container.get<Logger>(LoggerToken);
  if (reloaded > 0) logger.warn({ reloaded }, 'auction live state reloaded from the stored auctions');
  const starts = container.get(StartDueAuctions);
  const ends = container.get(CloseDueAuctions);
  let running: Promise<unknown> | null = null;
  const tick = async () => {
    await starts.execute();
    await ends.execute();
  };
  const timer = setInterval(() => {
    if (running) return;
    running = tick()
      .catch((err: unknown) => logger.error({ err }, 'auction timer tick failed'))
      .finally(() => {
        running = null;
      });
  }, config.auctions.timerIntervalMs);
  timer.unref();
  container.get<Runtime>(RuntimeToken).onShutdown('auction-timer', async () => {
    clearInterval(timer);
    await running;
  });
}
