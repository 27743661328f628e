import { identityErrors } from '../../domain/identity/errors.js';
import { assertVerifiedSeller } from '../../domain/identity/user.js';
import type { DeviceRepository } from './ports/device-repository.js';
import type { UserRepository } from './ports/user-repository.js';
import type { IdentityApi } from './public.js';

/** The identity module's public API, over its users and their devices. */
export class IdentityPublicApi implements IdentityApi {
  constructor(
    private readonly users: UserRepository,
    private readonly devices: DeviceRepository,
  ) {}

  async assertVerifiedSeller(userId: string): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) throw identityErrors.forbidden();
    assertVerifiedSeller(user);
  }

  async isCourier(userId: string): Promise<boolean> {
    const user = await this.users.findById(userId);
    return user?.roles.includes('courier') ?? false;
  }

  async deviceTokensOf(userId: string): Promise<string[]> {
    return (await this.devices.listByUser(userId)).map((device) => device.token);
  }

  async removeDeviceTokens(userId: string, tokens: readonly string[]): Promise<void> {
    await Promise.all(tokens.map((token) => this.devices.remove(userId, token)));
  }
}
