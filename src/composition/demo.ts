import type { Container } from 'inversify';
import { AuctionUseCases } from '../application/auctions/use-cases.js';
import { CartUseCases } from '../application/cart/use-cases.js';
import { CatalogUseCases } from '../application/catalog/use-cases.js';
import { DeliveryUseCases } from '../application/delivery/use-cases.js';
import { EnsureAdmin } from '../application/identity/ensure-admin/ensure-admin.js';
import { IdentityUseCases } from '../application/identity/use-cases.js';
import { MediaUseCases } from '../application/media/use-cases.js';
import { OrderUseCases } from '../application/orders/use-cases.js';
import { Clock } from '../application/shared/ports/clock.js';
import type { DemoDeps } from '../adapters/demo/demo-deps.js';
import { uploadOverHttp, uploadToEmbeddedStore } from '../adapters/demo/upload-bytes.js';
import { EmbeddedObjectStorage } from '../adapters/memory/media/embedded-object-storage.js';
import { LoggerToken, type Logger } from '../adapters/platform/logger.js';

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
