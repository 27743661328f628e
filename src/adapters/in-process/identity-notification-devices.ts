import type { DeviceRepository } from '../../application/identity/ports/device-repository.js';
import type { NotificationDevices } from '../../application/notifications/ports/notification-devices.js';

/** The notifications module's view of push devices, served in-process by the identity module (an HTTP call after a split). */
export class IdentityNotificationDevices implements NotificationDevices {
  constructor(private readonly devices: DeviceRepository) {}

  async tokensOf(userId: string): Promise<string[]> {
    return (await this.devices.listByUser(userId)).map((device) => device.token);
  }

  async removeStale(userId: string, tokens: readonly string[]): Promise<void> {
    await Promise.all(tokens.map((token) => this.devices.remove(userId, token)));
  }
}
