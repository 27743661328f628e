import type { CourierDirectory } from '../../application/delivery/ports/courier-directory.js';
import type { IdentityApi } from '../../application/identity/public.js';

/**
 * The delivery module's couriers, served in-process by the identity module's public API (an HTTP call after a split).
 */
export class IdentityCourierDirectory implements CourierDirectory {
  constructor(private readonly identity: IdentityApi) {}

  isCourier(userId: string): Promise<boolean> {
    return this.identity.isCourier(userId);
  }
}
