import type { UserNotifier } from '../../../application/notifications/ports/user-notifier.js';
import type { Notification } from '../../../domain/notifications/notification.js';
import { presentNotification } from '../../shared/notifications/notification-presenter.js';
import type { DirectEvent } from '../realtime-events.js';

/** The part of the gateway this adapter uses (RealtimeGateway fits). */
export interface UserEmitter {
  emitToUser(userId: string, event: string, payload: unknown): void;
}

/**
 * Emits `notification` with the notification's public JSON to `user:<id>`, on every instance sharing the Socket.IO
 * adapter.
 */
export class RealtimeUserNotifier implements UserNotifier {
  static readonly event: DirectEvent = 'notification';

  constructor(private readonly gateway: UserEmitter) {}

  async notify(notification: Notification): Promise<void> {
    this.gateway.emitToUser(notification.userId, RealtimeUserNotifier.event, presentNotification(notification));
  }
}
