import type { Notification } from '../../../domain/notifications/notification.js';

/** Shows a notification live to a user's open connections (Socket.IO `notification` on `user:<id>`). */
export interface UserNotifier {
  notify(notification: Notification): Promise<void>;
}
export const UserNotifier = Symbol.for('UserNotifier');
