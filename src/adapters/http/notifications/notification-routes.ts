import { presentNotification } from '../../shared/notifications/notification-presenter.js';
import type { NotificationUseCases } from '../../../application/notifications/use-cases.js';
import type { ApiRouter } from '../api-router.js';
import {
  listNotificationsQuery,
  notificationIdParams,
  notificationPageSchema,
  notificationSchema,
} from './notification-schemas.js';

const tag = 'Notifications';
const signedIn = { 401: { description: 'not signed in' } };

export function notificationRoutes(api: ApiRouter, useCases: NotificationUseCases): void {
  api.route({
    method: 'get',
    path: '/notifications',
    operationId: 'listNotifications',
    tag,
    summary: 'Your notifications, newest first; unread=true for the unread only',
    auth: true,
    query: listNotificationsQuery,
    responses: { 200: { description: 'a page of notifications', schema: notificationPageSchema }, ...signedIn },
    handler: async ({ principal, query }) => {
      const { unread, limit, cursor } = query;
      const page = await useCases.listNotifications.execute(principal.userId, { unread }, { limit, cursor });
      return { status: 200, body: { items: page.items.map(presentNotification), nextCursor: page.nextCursor } };
    },
  });
  api.route({
    method: 'post',
    path: '/notifications/:id/read',
    operationId: 'markNotificationRead',
    tag,
    summary: 'Mark one of your notifications read (again: it keeps the first readAt)',
    auth: true,
    params: notificationIdParams,
    responses: {
      200: { description: 'the notification', schema: notificationSchema },
      404: { description: 'no such notification, or not yours' },
      ...signedIn,
    },
    handler: async ({ principal, params }) => ({
      status: 200,
      body: presentNotification(await useCases.markNotificationRead.execute(principal.userId, params.id)),
    }),
  });
}
