import type { Notification } from '../../../domain/notifications/notification.js';

/** What clients see of a notification, over HTTP and on Socket.IO alike (ISO 8601 times). */
export function presentNotification(notification: Notification) {
  const { id, type, title, body, data, readAt, createdAt } = notification;
  return {
    id,
    type,
    title,
    body,
    data,
    readAt: readAt ? readAt.toISOString() : null,
    createdAt: createdAt.toISOString(),
  };
}

export type NotificationJson = ReturnType<typeof presentNotification>;
