import type {
  NotificationFilter,
  NotificationRepository,
} from '../../../application/notifications/ports/notification-repository.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import { markRead, type Notification } from '../../../domain/notifications/notification.js';
import { decodeCursor, isAfter, newestFirst, newestFirstPage } from '../../shared/newest-first-pages.js';
import { deepCopy } from '../shared/deep-copy.js';

/**
 * NotificationRepository in process memory. No method awaits before it writes, so each is atomic
 * within the process. Notifications are copied in and out (Dates stay Dates).
 */
export class MemoryNotificationRepository implements NotificationRepository {
  private readonly notifications = new Map<string, Notification>();

  async add(notification: Notification): Promise<boolean> {
    if (this.notifications.has(notification.id)) return false;
    this.notifications.set(notification.id, deepCopy(notification));
    return true;
  }

  async findById(id: string): Promise<Notification | null> {
    const notification = this.notifications.get(id);
    return notification ? deepCopy(notification) : null;
  }

  async markRead(id: string, at: Date): Promise<Notification | null> {
    const stored = this.notifications.get(id);
    if (!stored) return null;
    const read = markRead(stored, at);
    this.notifications.set(id, read);
    return deepCopy(read);
  }

  async listByUser(userId: string, filter: NotificationFilter, page: PageRequest): Promise<Page<Notification>> {
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    const matches = (n: Notification) =>
      n.userId === userId && (!filter.unread || n.readAt === null) && (!after || isAfter(n, after));
    const fetched = [...this.notifications.values()]
      .filter(matches)
      .sort(newestFirst)
      .slice(0, page.limit + 1);
    return newestFirstPage(
      fetched.map((n) => deepCopy(n)),
      page.limit,
    );
  }
}
