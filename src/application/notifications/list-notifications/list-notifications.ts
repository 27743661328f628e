import type { Notification } from '../../../domain/notifications/notification.js';
import type { Page, PageRequest } from '../../shared/ports/page.js';
import type { NotificationFilter, NotificationRepository } from '../ports/notification-repository.js';

/** The caller's inbox, newest first, optionally only the unread. */
export class ListNotifications {
  constructor(private readonly notifications: NotificationRepository) {}

  execute(userId: string, filter: NotificationFilter, page: PageRequest): Promise<Page<Notification>> {
    return this.notifications.listByUser(userId, filter, page);
  }
}
