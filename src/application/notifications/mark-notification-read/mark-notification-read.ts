import { isOwnedBy, notificationErrors, type Notification } from '../../../domain/notifications/notification.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { NotificationRepository } from '../ports/notification-repository.js';

/** Its owner marks a notification read (again: no change); anyone else gets NOTIFICATION_NOT_FOUND. */
export class MarkNotificationRead {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly clock: Clock,
  ) {}

  async execute(userId: string, notificationId: string): Promise<Notification> {
    const notification = await this.notifications.findById(notificationId);
    if (!notification || !isOwnedBy(notification, userId)) throw notificationErrors.notFound();
    if (notification.readAt) return notification;
    const read = await this.notifications.markRead(notificationId, this.clock.now());
    if (!read) throw notificationErrors.notFound();
    return read;
  }
}
