import type { Container } from 'inversify';
import type { Config, DemoSettings } from '../config.js';
import { AuctionBots } from '../adapters/demo/auction-bots.js';
import { CourierSimulator } from '../adapters/demo/courier-simulator.js';
import type { DemoCast } from '../adapters/demo/demo-cast.js';
import type { DemoDeps } from '../adapters/demo/demo-deps.js';
import { DemoSeeder } from '../adapters/demo/demo-seeder.js';
import { demoDepsOf } from './demo.js';
import { startPeriodicTask } from './periodic-task.js';

/** How often the bots look at the live auctions (each bot still waits its own interval between bids). */
const BOTS_TICK_MS = 500;

/**
 * DEMO=true: seeds the demo data (idempotently: a restart on real stores finds it), then keeps an auction live with
 * bot bidders and a courier on the road. Off by default; never in production (the config refuses it).
 */
export async function startDemo(container: Container, config: Config): Promise<DemoCast | undefined> {
  if (!config.demo) return undefined;
  const deps = demoDepsOf(container);
  const cast = await new DemoSeeder(deps).seed();
  await startDemoActors(container, deps, cast, config.demo);
  return cast;
}

/** A first move of each before the app listens, so that its first visitor finds an auction live and a courier out. */
async function startDemoActors(container: Container, deps: DemoDeps, cast: DemoCast, settings: DemoSettings) {
  const bots = new AuctionBots(deps, cast, settings);
  const courier = new CourierSimulator(deps, cast, settings);
  await bots.tick();
  await courier.tick();
  startPeriodicTask(container, 'demo auction bots', BOTS_TICK_MS, () => bots.tick());
  startPeriodicTask(container, 'demo courier', settings.courierIntervalMs, () => courier.tick());
}
