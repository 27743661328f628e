import type { Container } from 'inversify';
import type { Config, DemoSettings } from '../config.js';
import { AuctionUseCases } from '../application/auctions/use-cases.js';
import { CartUseCases } from '../application/cart/use-cases.js';
import { CatalogUseCases } from '../application/catalog/use-cases.js';
import { DeliveryUseCases } from '../application/delivery/use-cases.js';
import { EnsureAdmin } from '../application/identity/ensure-admin/ensure-admin.js';
import { IdentityUseCases } from '../application/identity/use-cases.js';
import { MediaUseCases } from '../application/media/use-cases.js';
import { OrderUseCases } from '../application/orders/use-cases.js';
import { Clock } from '../application/shared/ports/clock.js';
import { AuctionBots } from '../adapters/demo/auction-bots.js';
import { CourierSimulator } from '../adapters/demo/courier-simulator.js';
import type { DemoCast } from '../adapters/demo/demo-cast.js';
import type { DemoDeps } from '../adapters/demo/demo-deps.js';
import { DemoSeeder } from '../adapters/demo/demo-seeder.js';
import { uploadOverHttp, uploadToEmbeddedStore } from '../adapters/demo/upload-bytes.js';
import { EmbeddedObjectStorage } from '../adapters/memory/media/embedded-object-storage.js';
import { LoggerToken, type Logger } from '../adapters/platform/logger.js';
import { startPeriodicTask } from './periodic-task.js';

/** How often the bots look at the live auctions (each bot still waits its own interval between bids). */
const BOTS_TICK_MS = 500;

/** The use cases the demo drives, taken from the modules' compositions. */
export function demoDepsOf(container: Container): DemoDeps {
  const store = container.isBound(EmbeddedObjectStorage) ? container.get(EmbeddedObjectStorage) : undefined;
  return {
    identity: container.get<IdentityUseCases>(IdentityUseCases),
    ensureAdmin: container.get(EnsureAdmin),
    catalog: container.get<CatalogUseCases>(CatalogUseCases),
    media: container.get<MediaUseCases>(MediaUseCases),
    auctions: container.get<AuctionUseCases>(AuctionUseCases),
    cart: container.get<CartUseCases>(CartUseCases),
    orders: container.get<OrderUseCases>(OrderUseCases),
    delivery: container.get<DeliveryUseCases>(DeliveryUseCases),
    uploadBytes: store ? uploadToEmbeddedStore(store) : uploadOverHttp,
    clock: container.get<Clock>(Clock),
    logger: container.get<Logger>(LoggerToken),
  };
}

/**
 * DEMO=true: seeds the demo data (idempotently: a restart on real stores finds it), then keeps an auction live with
 * bot bidders and a courier on the road. Off by default; never in production (the config refuses it).
 */
export async function startDemo(container: Container, config: Config): Promise<DemoCast | undefined> {
  if (!config.demo) return undefined;
  const deps = demoDepsOf(container);
  const cast = await new DemoSeeder(deps).seed();
  startDemoActors(container, deps, cast, config.demo);
  return cast;
}

function startDemoActors(container: Container, deps: DemoDeps, cast: DemoCast, settings: DemoSettings): void {
  const bots = new AuctionBots(deps, cast, settings);
  const courier = new CourierSimulator(deps, cast, settings);
  startPeriodicTask(container, 'demo auction bots', BOTS_TICK_MS, () => bots.tick());
  startPeriodicTask(container, 'demo courier', settings.courierIntervalMs, () => courier.tick());
}
