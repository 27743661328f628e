import type { CourierDirectory } from '../../application/delivery/ports/courier-directory.js';
import type { UserRepository } from '../../application/identity/ports/user-repository.js';

/** The delivery module's couriers, served in-process by the identity module (an HTTP call after a split). */
export class IdentityCourierDirectory implements CourierDirectory {
  constructor(private readonly users: UserRepository) {}

  async isCourier(userId: string): Promise<boolean> {
    const user = await this.users.findById(userId);
    return user?.roles.includes('courier') ?? false;
  }
}
