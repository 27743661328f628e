import type { Notification } from '../../../domain/notifications/notification.js';
import type { Page, PageRequest } from '../../shared/ports/page.js';

export interface NotificationFilter {
  /** true: only those not read yet. */
  unread?: boolean;
}

/** Every user's inbox (MongoDB or memory). */
export interface NotificationRepository {
  /** Stores a new notification; false (and nothing stored) when its id is stored already (a redelivered event). */
  add(notification: Notification): Promise<boolean>;
  findById(id: string): Promise<Notification | null>;
  /**
   * Sets readAt to `at` unless it is set already (the first time stays, also under racing marks)
   * and answers the stored notification; null for an unknown id.
   */
  markRead(id: string, at: Date): Promise<Notification | null>;
  /** A user's notifications, newest first (createdAt, then id). */
  listByUser(userId: string, filter: NotificationFilter, page: PageRequest): Promise<Page<Notification>>;
}
export const NotificationRepository = Symbol.for('NotificationRepository');
