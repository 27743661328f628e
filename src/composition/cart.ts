import type { Container } from 'inversify';
import type { Db } from 'mongodb';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { AddToCart } from '../application/cart/add-to-cart/add-to-cart.js';
import { ChangeCartQuantity } from '../application/cart/change-cart-quantity/change-cart-quantity.js';
import { GetCart } from '../application/cart/get-cart/get-cart.js';
import { CartCatalog } from '../application/cart/ports/cart-catalog.js';
import { CartRepository } from '../application/cart/ports/cart-repository.js';
import { StockLedger } from '../application/cart/ports/stock-ledger.js';
import { ReconcileStock } from '../application/cart/reconcile-stock/reconcile-stock.js';
import { RemoveFromCart } from '../application/cart/remove-from-cart/remove-from-cart.js';
import { StockEvents } from '../application/cart/stock-events.js';
import { SweepExpiredReservations } from '../application/cart/sweep-expired-reservations/sweep-expired-reservations.js';
import { SyncStockFromListing } from '../application/cart/sync-stock-from-listing/sync-stock-from-listing.js';
import { ListingRepository } from '../application/catalog/ports/listing-repository.js';
import { StockAvailability } from '../application/catalog/ports/stock-availability.js';
import { EventBus } from '../application/shared/events/event-bus.js';
import { Clock } from '../application/shared/ports/clock.js';
import { CartStockAvailability } from '../adapters/in-process/cart-stock-availability.js';
import { CatalogCartCatalog } from '../adapters/in-process/catalog-cart-catalog.js';
import { MemoryCartRepository } from '../adapters/memory/cart/memory-cart-repository.js';
import { MemoryStockLedger } from '../adapters/memory/cart/memory-stock-ledger.js';
import { MongoCartRepository } from '../adapters/mongo/cart/mongo-cart-repository.js';
import { MongoDbToken } from '../adapters/mongo/mongo-connection.js';
import { LoggerToken, type Logger } from '../adapters/platform/logger.js';
import { RuntimeToken, type Runtime } from '../adapters/platform/runtime.js';
import { RedisStockLedger } from '../adapters/redis/cart/redis-stock-ledger.js';
import { RedisKeyPrefix, RedisToken } from '../adapters/redis/redis-connection.js';
import { bindUseCase } from './bind-use-case.js';

async function bindStores(container: Container): Promise<void> {
  if (container.isBound(MongoDbToken)) {
    const carts = new MongoCartRepository(container.get<Db>(MongoDbToken));
    await carts.ensureIndexes();
    container.bind<CartRepository>(CartRepository).toConstantValue(carts);
  } else {
    container.bind<CartRepository>(CartRepository).toConstantValue(new MemoryCartRepository());
  }
  const ledger = container.isBound(RedisToken)
    ? new RedisStockLedger(container.get<Redis>(RedisToken), container.get<string>(RedisKeyPrefix))
    : new MemoryStockLedger();
  container.bind<StockLedger>(StockLedger).toConstantValue(ledger);
}

/** Cart: stock reservations, the cart lines, and the stock that follows the listings. */
export async function bindCart(container: Container, config: Config): Promise<void> {
  await bindStores(container);
  const ttl = config.cart.reservationTtlSeconds;
  container.bind<StockAvailability>(StockAvailability).toResolvedValue((ledger: StockLedger) => new CartStockAvailability(ledger), [StockLedger]);
  container.bind<CartCatalog>(CartCatalog).toResolvedValue((listings: ListingRepository) => new CatalogCartCatalog(listings), [ListingRepository]);
  container.bind(StockEvents).toResolvedValue((bus: EventBus) => new StockEvents(bus), [EventBus]);
  container
    .bind(AddToCart)
    .toResolvedValue(
      (catalog: CartCatalog, carts: CartRepository, ledger: StockLedger, events: StockEvents, clock: Clock) => new AddToCart(catalog, carts, ledger, events, clock, ttl),
      [CartCatalog, CartRepository, StockLedger, StockEvents, Clock],
    );
  container
    .bind(ChangeCartQuantity)
    .toResolvedValue(
      (catalog: CartCatalog, carts: CartRepository, ledger: StockLedger, events: StockEvents, clock: Clock) => new ChangeCartQuantity(catalog, carts, ledger, events, clock, ttl),
      [CartCatalog, CartRepository, StockLedger, StockEvents, Clock],
    );
  const bind = bindUseCase(container);
  bind(GetCart, [CartRepository, StockLedger, Clock]);
  bind(RemoveFromCart, [CartRepository, StockLedger, StockEvents]);
  bind(SweepExpiredReservations, [StockLedger, StockEvents, Clock]);
  bind(SyncStockFromListing, [StockLedger, StockEvents]);
  bind(ReconcileStock, [CartCatalog, StockLedger]);
}

/** The consumer that keeps stock on hand in step with the listings; registered before the bus starts. */
export function subscribeCart(container: Container): void {
  container.get<EventBus>(EventBus).subscribe({
    consumer: SyncStockFromListing.consumer,
    topics: ['listing.published', 'listing.updated'],
    handler: (event) => container.get(SyncStockFromListing).handle(event),
  });
}

/**
 * Start-up work of the cart: re-seed the ledger for listings it lost, then sweep expired
 * reservations every STOCK_SWEEP_INTERVAL_MS on every instance (the ledger makes it safe).
 */
export async function startCart(container: Container, config: Config): Promise<void> {
  const reseeded = await container.get(ReconcileStock).execute();
  if (reseeded > 0) container.get<Logger>(LoggerToken).warn({ reseeded }, 'stock ledger re-seeded from the listings');
  startStockSweeper(container, config);
}

function startStockSweeper(container: Container, config: Config): void {
  const sweep = container.get(SweepExpiredReservations);
  const logger = container.get<Logger>(LoggerToken);
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = sweep.execute().catch((err: unknown) => logger.error({ err }, 'stock sweep failed'));
  }, config.cart.sweepIntervalMs);
  timer.unref();
  container.get<Runtime>(RuntimeToken).onShutdown('stock-sweeper', async () => {
    clearInterval(timer);
    await running;
  });
}
