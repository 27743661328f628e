import { pageQuery, timestamp } from '../shared/schemas.js';
import { z } from '../openapi/zod-openapi.js';

export const listNotificationsQuery = pageQuery.extend({
  unread: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('true: only the notifications not read yet'),
});

export const notificationIdParams = z.object({ id: z.string().min(1).max(128) });

export const notificationSchema = z
  .object({
    id: z.string(),
    type: z.string().describe('what it is about: order.new, order.paid, kyc.approved...'),
    title: z.string(),
    body: z.string(),
    data: z.record(z.string(), z.string()).describe('ids a client needs to open the right screen'),
    readAt: timestamp.nullable(),
    createdAt: timestamp,
  })
  .openapi('Notification');
export const notificationPageSchema = z
  .object({ items: z.array(notificationSchema), nextCursor: z.string().nullable() })
  .openapi('NotificationPage');
