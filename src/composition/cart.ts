import type { Container } from 'inversify';
import type { Config } from '../config.js';
import { AddToCart } from '../application/cart/add-to-cart/add-to-cart.js';
import { CartUseCases } from '../application/cart/use-cases.js';
import { ChangeCartQuantity } from '../application/cart/change-cart-quantity/change-cart-quantity.js';
import { GetCart } from '../application/cart/get-cart/get-cart.js';
import { CartCatalog } from '../application/cart/ports/cart-catalog.js';
import { CartRepository } from '../application/cart/ports/cart-repository.js';
import { StockLedger } from '../application/cart/ports/stock-ledger.js';
import { ReconcileStock, type ReconcileReport } from '../application/cart/reconcile-stock/reconcile-stock.js';
import { RemoveFromCart } from '../application/cart/remove-from-cart/remove-from-cart.js';
import { RestockCancelledOrder } from '../application/cart/restock-cancelled-order/restock-cancelled-order.js';
import { StockEvents } from '../application/cart/stock-events.js';
import { SweepExpiredReservations } from '../application/cart/sweep-expired-reservations/sweep-expired-reservations.js';
import { SyncStockFromListing } from '../application/cart/sync-stock-from-listing/sync-stock-from-listing.js';
import { CatalogApi } from '../application/catalog/public.js';
import { CartPublicApi } from '../application/cart/cart-public-api.js';
import { CartApi } from '../application/cart/public.js';
import { StockAvailability } from '../application/catalog/ports/stock-availability.js';
import { EventBus } from '../application/shared/events/event-bus.js';
import { EventFactory, EventFactoryToken } from '../application/shared/events/event-factory.js';
import { OutboxSignal, OutboxSignalToken, OutboxStore } from '../application/shared/outbox/outbox.js';
import { Clock } from '../application/shared/ports/clock.js';
import { IdGenerator } from '../application/shared/ports/id-generator.js';
import { CartStockAvailability } from '../adapters/in-process/cart-catalog-stock-availability.js';
import { CatalogCartCatalog } from '../adapters/in-process/catalog-cart-catalog.js';
import { MemoryCartRepository } from '../adapters/memory/cart/memory-cart-repository.js';
import { MemoryStockLedger } from '../adapters/memory/cart/memory-stock-ledger.js';
import { MemoryOutbox, MemoryOutboxToken } from '../adapters/memory/shared/memory-outbox.js';
import { MongoCartRepository } from '../adapters/mongo/cart/mongo-cart-repository.js';
import { LoggerToken, type Logger } from '../adapters/platform/logger.js';
import { RedisCartRepository } from '../adapters/redis/cart/redis-cart-repository.js';
import { RedisStockLedger } from '../adapters/redis/cart/redis-stock-ledger.js';
import { bindUseCase, bindUseCaseSet } from './bind-use-case.js';
import { indexed, mongoOf, redisOf } from './connections.js';
import { bindPorts, port, type PortTable } from './port-wiring.js';
import { startPeriodicTask } from './periodic-task.js';

/**
 * Cart's wiring table: the stock ledger in Redis, the cart lines beside it (a line lives only as
 * long as its reservation), else in MongoDB.
 */
export function cartPorts(): PortTable {
  return [
    port<CartRepository>({
      name: 'cartRepository',
      token: CartRepository,
      adapters: {
        memory: () => new MemoryCartRepository(),
        redis: (container) => new RedisCartRepository(...redisOf(container)),
        mongodb: (container) => indexed(new MongoCartRepository(mongoOf(container))),
      },
    }),
    port<StockLedger>({
      name: 'stockLedger',
      token: StockLedger,
      adapters: { memory: memoryStockLedger, redis: redisStockLedger },
    }),
  ];
}

/** The ledger stores its stock.* events itself: in the Redis outbox stream, or the memory outbox. */
function redisStockLedger(container: Container): StockLedger {
  const source = {
    ids: container.get<IdGenerator>(IdGenerator),
    clock: container.get<Clock>(Clock),
    signal: container.get<OutboxSignal>(OutboxSignalToken),
  };
  return new RedisStockLedger(...redisOf(container), source);
}

function memoryStockLedger(container: Container): StockLedger {
  const events = new StockEvents(container.get<EventFactory>(EventFactoryToken));
  return new MemoryStockLedger(container.get<MemoryOutbox>(MemoryOutboxToken), events);
}

/** Cart: stock reservations, the cart lines, and the stock that follows the listings. */
export async function bindCart(container: Container, config: Config): Promise<void> {
  await bindPorts(container, config, cartPorts());
  const ttl = config.cart.reservationTtlSeconds;
  container
    .bind<StockAvailability>(StockAvailability)
    .toResolvedValue((cart: CartApi) => new CartStockAvailability(cart), [CartApi]);
  container
    .bind<CartCatalog>(CartCatalog)
    .toResolvedValue((catalog: CatalogApi) => new CatalogCartCatalog(catalog), [CatalogApi]);
  container
    .bind(AddToCart)
    .toResolvedValue(
      (catalog: CartCatalog, carts: CartRepository, ledger: StockLedger, clock: Clock) =>
        new AddToCart(catalog, carts, ledger, clock, ttl),
      [CartCatalog, CartRepository, StockLedger, Clock],
    );
  container
    .bind(ChangeCartQuantity)
    .toResolvedValue(
      (catalog: CartCatalog, carts: CartRepository, ledger: StockLedger, clock: Clock) =>
        new ChangeCartQuantity(catalog, carts, ledger, clock, ttl),
      [CartCatalog, CartRepository, StockLedger, Clock],
    );
  const bind = bindUseCase(container);
  bind(GetCart, [CartRepository, StockLedger, Clock]);
  bind(RemoveFromCart, [CartRepository, StockLedger]);
  bind(SweepExpiredReservations, [StockLedger, Clock]);
  bind(SyncStockFromListing, [StockLedger]);
  bind(RestockCancelledOrder, [StockLedger]);
  bindUseCaseSet(container, CartUseCases, {
    getCart: GetCart,
    addToCart: AddToCart,
    changeCartQuantity: ChangeCartQuantity,
    removeFromCart: RemoveFromCart,
  });
  container
    .bind<CartApi>(CartApi)
    .toResolvedValue(
      (carts: CartRepository, ledger: StockLedger, catalog: CartCatalog) => new CartPublicApi(carts, ledger, catalog),
      [CartRepository, StockLedger, CartCatalog],
    );
  container
    .bind(ReconcileStock)
    .toResolvedValue(
      (catalog: CartCatalog, ledger: StockLedger, outboxes: OutboxStore[]) =>
        new ReconcileStock(catalog, ledger, outboxes),
      [CartCatalog, StockLedger, { serviceIdentifier: OutboxStore, isMultiple: true }],
    );
}

/**
 * The cart's consumers, registered before the bus starts: stock on hand keeps in step with the
 * listings, and a cancelled order's units come back (the recovery path of CancelOrder).
 */
export function subscribeCart(container: Container): void {
  const bus = container.get<EventBus>(EventBus);
  bus.subscribe({
    consumer: SyncStockFromListing.consumer,
    topics: ['listing.published', 'listing.updated'],
    handler: (event) => container.get(SyncStockFromListing).handle(event),
  });
  bus.subscribe({
    consumer: RestockCancelledOrder.consumer,
    topics: ['order.cancelled'],
    handler: (event) => container.get(RestockCancelledOrder).handle(event),
  });
}

/**
 * Start-up work of the cart, then periodic on every instance: reconcile the ledger and the
 * listings now and every STOCK_RECONCILE_INTERVAL_MS, sweep expired reservations every
 * STOCK_SWEEP_INTERVAL_MS (the ledger makes both safe on several instances).
 */
export async function startCart(container: Container, config: Config): Promise<void> {
  const logger = container.get<Logger>(LoggerToken);
  const reconcile = async () => logReconciliation(logger, await container.get(ReconcileStock).execute());
  await reconcile();
  startPeriodicTask(container, 'stock-reconciliation', config.cart.reconcileIntervalMs, reconcile);
  const sweep = container.get(SweepExpiredReservations);
  startPeriodicTask(container, 'stock-sweeper', config.cart.sweepIntervalMs, () => sweep.execute());
}

function logReconciliation(logger: Logger, { reseeded, repaired, watched }: ReconcileReport): void {
  if (reseeded.length > 0) logger.warn({ reseeded }, 'stock ledger re-seeded from the listings it did not know');
  for (const drift of repaired) logger.warn(drift, 'listing quantity repaired from the stock ledger (it had drifted)');
  if (watched.length > 0)
    logger.debug({ watched }, 'listing quantities differ from the stock ledger; repaired next pass if they stay');
}
