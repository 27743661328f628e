import type { Clock } from '../../shared/ports/clock.js';
import type { DevicePlatform, DeviceRepository } from '../ports/device-repository.js';

/** Registers a push token for the user; registering it again only refreshes its platform and date (idempotent). */
export class RegisterDevice {
  constructor(
    private readonly devices: DeviceRepository,
    private readonly clock: Clock,
  ) {}

  async execute(userId: string, token: string, platform: DevicePlatform): Promise<{ created: boolean }> {
    const created = await this.devices.upsert({ token, userId, platform, registeredAt: this.clock.now() });
    return { created };
  }
}
