import type { ListNotifications } from './list-notifications/list-notifications.js';
import type { MarkNotificationRead } from './mark-notification-read/mark-notification-read.js';

/** The notifications use cases its driving adapters (the HTTP routes) call, bound by its composition. */
export interface NotificationUseCases {
  listNotifications: ListNotifications;
  markNotificationRead: MarkNotificationRead;
}
export const NotificationUseCases = Symbol.for('NotificationUseCases');
