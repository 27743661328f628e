import type { IdentityApi } from '../../application/identity/public.js';
import type { NotificationDevices } from '../../application/notifications/ports/notification-devices.js';

/**
 * The notifications module's view of push devices, served in-process by the identity module's public API (an HTTP call
 * after a split).
 */
export class IdentityNotificationDevices implements NotificationDevices {
  constructor(private readonly identity: IdentityApi) {}

  tokensOf(userId: string): Promise<string[]> {
    return this.identity.deviceTokensOf(userId);
  }

  removeStale(userId: string, tokens: readonly string[]): Promise<void> {
    return this.identity.removeDeviceTokens(userId, tokens);
  }
}
