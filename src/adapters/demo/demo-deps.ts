import type { AuctionUseCases } from '../../application/auctions/use-cases.js';
import type { CartUseCases } from '../../application/cart/use-cases.js';
import type { CatalogUseCases } from '../../application/catalog/use-cases.js';
import type { DeliveryUseCases } from '../../application/delivery/use-cases.js';
import type { EnsureAdmin } from '../../application/identity/ensure-admin/ensure-admin.js';
import type { IdentityUseCases } from '../../application/identity/use-cases.js';
import type { MediaUseCases } from '../../application/media/use-cases.js';
import type { OrderUseCases } from '../../application/orders/use-cases.js';
import type { Clock } from '../../application/shared/ports/clock.js';
import type { Logger } from '../platform/logger.js';

/** Sends an image's bytes to the presigned upload a `requestUpload` answered, as a client would. */
export type UploadBytes = (
  upload: { uploadUrl: string; headers: Record<string, string> },
  bytes: Buffer,
) => Promise<void>;

/**
 * What the demo drives: the use cases every module offers its driving adapters (the same objects the HTTP routes
 * call), the admin bootstrap, the way bytes reach the object store, the clock and a logger.
 */
export interface DemoDeps {
  identity: IdentityUseCases;
  ensureAdmin: EnsureAdmin;
  catalog: CatalogUseCases;
  media: MediaUseCases;
  auctions: AuctionUseCases;
  cart: CartUseCases;
  orders: OrderUseCases;
  delivery: DeliveryUseCases;
  uploadBytes: UploadBytes;
  clock: Clock;
  logger: Logger;
}
