import type { Clock } from '../../shared/ports/clock.js';
import type { Device, DevicePlatform, DeviceRepository } from '../ports/device-repository.js';

/** Registers a push token for the user; registering it again only refreshes its platform and date (idempotent). */
export class RegisterDevice {
  constructor(
    private readonly devices: DeviceRepository,
    private readonly clock: Clock,
  ) {}

  /** The device as registered now, and whether the token was new for this user. */
  async execute(
    userId: string,
    token: string,
    platform: DevicePlatform,
  ): Promise<{ device: Device; created: boolean }> {
    const device = { token, userId, platform, registeredAt: this.clock.now() };
    const created = await this.devices.upsert(device);
    return { device, created };
  }
}
