import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Container } from 'inversify';
import { AccessTokenService } from '../../application/identity/ports/access-token-service.js';
import { AuctionUseCases } from '../../application/auctions/use-cases.js';
import { AuditUseCases } from '../../application/audit/use-cases.js';
import { CartUseCases } from '../../application/cart/use-cases.js';
import { CatalogUseCases } from '../../application/catalog/use-cases.js';
import { DeliveryUseCases } from '../../application/delivery/use-cases.js';
import { IdentityUseCases } from '../../application/identity/use-cases.js';
import { MediaUseCases } from '../../application/media/use-cases.js';
import { NotificationUseCases } from '../../application/notifications/use-cases.js';
import { OrderUseCases } from '../../application/orders/use-cases.js';
import { OutboxRelayToken, type OutboxRelay } from '../../application/shared/outbox/outbox-relay.js';
import { Clock } from '../../application/shared/ports/clock.js';
import { EMBEDDED_STORE_PATH, EmbeddedObjectStorage } from '../memory/media/embedded-object-storage.js';
import { LoggerToken, type Logger } from '../platform/logger.js';
import { RuntimeToken, type Runtime } from '../platform/runtime.js';
import { ApiRouter } from './api-router.js';
import { auctionRoutes } from './auctions/auction-routes.js';
import { cartRoutes } from './cart/cart-routes.js';
import { deliveryRoutes } from './delivery/delivery-routes.js';
import { adminOrderRoutes } from './orders/admin-order-routes.js';
import { deliveryListRoutes } from './delivery/delivery-list-routes.js';
import { orderRoutes } from './orders/order-routes.js';
import { adminListingRoutes } from './catalog/admin-listing-routes.js';
import { categoryRoutes } from './catalog/category-routes.js';
import { listingRoutes } from './catalog/listing-routes.js';
import { adminKycRoutes } from './identity/admin-kyc-routes.js';
import { adminUserRoutes } from './identity/admin-user-routes.js';
import { auditRoutes } from './audit/audit-routes.js';
import { authRoutes } from './identity/auth-routes.js';
import { userRoutes } from './identity/user-routes.js';
import { adminMediaRoutes } from './media/admin-media-routes.js';
import { embeddedStorageRoutes } from './media/embedded-storage-routes.js';
import { mediaRoutes } from './media/media-routes.js';
import { notificationRoutes } from './notifications/notification-routes.js';
import { consoleRoutes } from './console/console-routes.js';
import { createRegistry, generateDocument } from './openapi/document.js';
import { generateAsyncApiDocument } from './asyncapi/asyncapi-document.js';
import { DEFAULT_EVENT_EXCHANGE } from '../../config.js';
import { errorHandler, notFound } from './platform/error-handling.js';
import { rejectMalformedPath } from './platform/input-guards.js';
import { createHttpMetrics } from './platform/metrics.js';
import { registerOutboxMetrics } from './platform/outbox-metrics.js';
import { platformRoutes } from './platform/platform-routes.js';
import { requestLogging } from './platform/request-logging.js';
import { RateLimits } from './rate-limits/rate-limits.js';
import { corsPolicy } from './platform/cors.js';
import { fixedHeaders } from './platform/fixed-headers.js';
import { inSequence } from './platform/in-sequence.js';
import type { AllowedOrigins } from '../platform/allowed-origins.js';

export const API_PREFIX = '/api/v1';
const BODY_LIMIT = '1mb';

/**
 * Every module's routes, mounted under /api/v1 in this order; each gets its module's use cases
 * (bound by its composition), not the container.
 */
function registerModuleRoutes(api: ApiRouter, container: Container): void {
  const limits = container.get<RateLimits>(RateLimits);
  const identity = container.get<IdentityUseCases>(IdentityUseCases);
  authRoutes(api, identity, limits);
  userRoutes(api, identity);
  adminKycRoutes(api, identity);
  adminUserRoutes(api, identity);
  auditRoutes(api, container.get<AuditUseCases>(AuditUseCases));
  const catalog = container.get<CatalogUseCases>(CatalogUseCases);
  categoryRoutes(api, catalog);
  listingRoutes(api, catalog);
  adminListingRoutes(api, catalog);
  const media = container.get<MediaUseCases>(MediaUseCases);
  mediaRoutes(api, media);
  adminMediaRoutes(api, media);
  cartRoutes(api, container.get<CartUseCases>(CartUseCases));
  const orders = container.get<OrderUseCases>(OrderUseCases);
  orderRoutes(api, orders);
  adminOrderRoutes(api, orders);
  auctionRoutes(api, container.get<AuctionUseCases>(AuctionUseCases), limits);
  const delivery = container.get<DeliveryUseCases>(DeliveryUseCases);
  deliveryRoutes(api, delivery);
  deliveryListRoutes(api, delivery);
  notificationRoutes(api, container.get<NotificationUseCases>(NotificationUseCases));
}

/** The embedded object store, when it serves media (not S3). */
function embeddedStore(container: Container): EmbeddedObjectStorage | undefined {
  return container.isBound(EmbeddedObjectStorage) ? container.get(EmbeddedObjectStorage) : undefined;
}

export interface AppOptions {
  trustProxy?: number;
  /** The RabbitMQ exchange the AsyncAPI document names (default: AMQP_EXCHANGE's). */
  eventExchange?: string;
  /** Check every answer of a declared route against its declaration (NODE_ENV=test; never in production). */
  checkResponses?: boolean;
  /** CORS_ORIGINS (default: any). */
  allowedOrigins?: AllowedOrigins;
  /** DEMO=true: the web console's sign-in page lists the demo accounts. */
  demo?: boolean;
}

/** The Express app, built from the container: used by main.ts and by the HTTP tests alike. */
export function createApp(container: Container, options: AppOptions = {}): Express {
  const logger = container.get<Logger>(LoggerToken);
  const runtime = container.get<Runtime>(RuntimeToken);
  const metrics = createHttpMetrics();
  registerOutboxMetrics(metrics.registry, container.get<OutboxRelay>(OutboxRelayToken), container.get<Clock>(Clock));
  const registry = createRegistry();
  const api = new ApiRouter(registry, container.get<AccessTokenService>(AccessTokenService), {
    checkResponses: options.checkResponses,
  });
  registerModuleRoutes(api, container);
  let document: object | undefined;
  let asyncApiDocument: object | undefined;

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? 0);
  // Every request passes these: one layer, not one each (in-sequence.ts).
  app.use(
    inSequence(
      requestLogging(app, logger),
      // Plain-HTTP local runs must still load the Swagger UI's assets: no upgrade-insecure-requests. The API and its
      // media are read from other origins (CORS decides which): Cross-Origin-Resource-Policy must not forbid it.
      fixedHeaders(
        helmet({
          contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
          crossOriginResourcePolicy: { policy: 'cross-origin' },
        }),
      ),
      metrics.middleware,
      corsPolicy(options.allowedOrigins ?? '*'),
      rejectMalformedPath,
    ),
  );
  if (api.responseChecks) app.use(API_PREFIX, api.responseChecks);
  // Raw image bodies: before the JSON parser; under their own path, so other requests skip the store's router.
  app.use(EMBEDDED_STORE_PATH, embeddedStorageRoutes(embeddedStore(container)));
  app.use(express.json({ limit: BODY_LIMIT }));
  app.use(API_PREFIX, api.router);
  // After the API (no path in common): an API request does not walk these routes first.
  app.use(
    platformRoutes({
      healthChecks: runtime.healthChecks,
      metrics: metrics.registry,
      openApi: () => (document ??= generateDocument(registry)),
      asyncApi: () =>
        (asyncApiDocument ??= generateAsyncApiDocument({ exchange: options.eventExchange ?? DEFAULT_EVENT_EXCHANGE })),
    }),
  );
  app.use(consoleRoutes({ demo: options.demo === true }));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
