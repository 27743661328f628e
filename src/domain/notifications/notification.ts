import { DomainError } from '../shared/domain-error.js';

/** One message to a user: kept in their inbox, pushed to their devices or emitted live. */
export interface Notification {
  id: string;
  userId: string;
  /** What it is about (`order.paid`, `kyc.approved`...), for clients to pick an icon or a screen. */
  type: string;
  title: string;
  body: string;
  /** Ids and small values a client needs to open the right screen (`{ orderId }`). */
  data: Record<string, string>;
  /** When its user first marked it read; null while unread. */
  readAt: Date | null;
  createdAt: Date;
}

export type NewNotification = Omit<Notification, 'readAt'>;

export const notificationErrors = {
  /** Also for another user's notification: nobody learns that it exists. */
  notFound: () => new DomainError('not_found', 'NOTIFICATION_NOT_FOUND', 'notification not found'),
};

export function createNotification(input: NewNotification): Notification {
  return { ...input, data: { ...input.data }, readAt: null };
}

/** Marks it read at `at`; marking it again keeps the first time (idempotent). */
export function markRead(notification: Notification, at: Date): Notification {
  return notification.readAt ? notification : { ...notification, readAt: at };
}

export function isOwnedBy(notification: Notification, userId: string): boolean {
  return notification.userId === userId;
}
