import 'reflect-metadata';
import { Container } from 'inversify';
import type { Config } from './config.js';
import { EventBus } from './application/shared/events/event-bus.js';
import { createLogger, LoggerToken, type Logger } from './adapters/platform/logger.js';
import { Runtime, RuntimeToken } from './adapters/platform/runtime.js';
import { bindCart, startCart, subscribeCart } from './composition/cart.js';
import { bindAudit, subscribeAudit } from './composition/audit.js';
import { bindCatalog, subscribeCatalog } from './composition/catalog.js';
import { bindOrders, startOrders, subscribeOrders } from './composition/orders.js';
import { bindDelivery, startDelivery, subscribeDelivery } from './composition/delivery.js';
import { bindNotifications, subscribeNotifications } from './composition/notifications.js';
import { bindAuctions, startAuctions, subscribeAuctions } from './composition/auctions.js';
import { bindIdentity, startIdentity, type IdentityOverrides } from './composition/identity.js';
import { bindInfrastructure } from './composition/infrastructure.js';
import { bindMedia, subscribeMedia } from './composition/media.js';
import { bindRealtime } from './composition/realtime.js';
import { bindShared, type SharedOverrides } from './composition/shared.js';
import { bindOutbox, startOutboxRelay } from './composition/outbox.js';
import { bindRateLimits } from './composition/rate-limits.js';
import { startDemo } from './composition/start-demo.js';

export const ConfigToken = Symbol.for('Config');

export interface ContainerOverrides extends SharedOverrides, IdentityOverrides {
  logger?: Logger;
}

/**
 * The composition root: connects what the config names, binds one adapter per port (real when
 * its variable is set, in-memory otherwise), runs start-up work and starts the EventBus.
 * On failure everything opened so far is closed again.
 */
export async function buildContainer(config: Config, overrides: ContainerOverrides = {}): Promise<Container> {
  const container = new Container({ defaultScope: 'Singleton' });
  const runtime = new Runtime();
  const logger = overrides.logger ?? createLogger(config.logLevel);
  container.bind(ConfigToken).toConstantValue(config);
  container.bind(LoggerToken).toConstantValue(logger);
  container.bind(RuntimeToken).toConstantValue(runtime);
  try {
    await bindInfrastructure(container, config, runtime);
    await bindShared(container, config, overrides);
    bindOutbox(container);
    await bindIdentity(container, config, overrides);
    await bindAudit(container, config);
    subscribeAudit(container);
    await bindRateLimits(container, config);
    await bindCatalog(container, config);
    subscribeCatalog(container);
    await bindMedia(container, config);
    subscribeMedia(container);
    await bindCart(container, config);
    subscribeCart(container);
    await bindOrders(container, config);
    subscribeOrders(container);
    await bindAuctions(container, config);
    subscribeAuctions(container);
    await bindDelivery(container, config);
    subscribeDelivery(container);
    await bindNotifications(container, config);
    subscribeNotifications(container);
    await startIdentity(container, config);
    await bindRealtime(container, config, runtime, logger);
    startDelivery(container);
    await container.get<EventBus>(EventBus).start();
    startOutboxRelay(container, runtime, logger, {
      ...config.outbox,
      drainMs: Math.min(2_000, config.shutdownTimeoutMs),
    });
    await startCart(container, config);
    startOrders(container, config);
    await startAuctions(container, config);
    await startDemo(container, config);
    return container;
  } catch (error) {
    await runtime.closeAll((name, closeError) => logger.warn({ err: closeError, name }, 'close after failed start-up'));
    throw error;
  }
}

export function runtimeOf(container: Container): Runtime {
  return container.get<Runtime>(RuntimeToken);
}
