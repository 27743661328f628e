import type { Config } from '../config.js';
import { auctionPorts } from './auctions.js';
import { auditPorts } from './audit.js';
import { cartPorts } from './cart.js';
import { catalogPorts } from './catalog.js';
import { deliveryPorts } from './delivery.js';
import { identityPorts } from './identity.js';
import { mediaPorts } from './media.js';
import { notificationPorts } from './notifications.js';
import { orderPorts } from './orders.js';
import { configuredBackends, describePort, type PortTable } from './port-wiring.js';
import { rateLimitPorts } from './rate-limits.js';
import { sharedPorts } from './shared.js';

/** Every module's wiring table, the ones the container binds with bindPorts(). */
export function wiringTables(config: Config): PortTable[] {
  return [
    sharedPorts(config),
    identityPorts(config),
    auditPorts(),
    rateLimitPorts(config),
    catalogPorts(),
    mediaPorts(config),
    cartPorts(),
    orderPorts(),
    auctionPorts(),
    deliveryPorts(),
    notificationPorts(config),
  ];
}

/**
 * Which adapter serves each port, as the wiring tables choose it from the config; logged as the first line at start.
 */
export function adapterReport(config: Config): Record<string, string> {
  return Object.fromEntries(
    wiringTables(config).flatMap((table) => table.map((wiring) => [wiring.name, describePort(wiring, config)])),
  );
}

/** No backend configured: every port runs in memory. */
export function isEmbedded(config: Config): boolean {
  return configuredBackends(config).length === 0;
}
