import { auditTargetTypes } from '../../../application/shared/events/catalogue.js';
import { pageQuery, timestamp } from '../shared/schemas.js';
import { z } from '../openapi/zod-openapi.js';

export const auditQuery = pageQuery.extend({
  actorId: z.string().min(1).max(128).optional().describe('only the actions of this admin'),
  targetId: z
    .string()
    .min(1)
    .max(128)
    .optional()
    .describe('only the actions on this listing, category, media, user, delivery, order or auction'),
});

export const auditEntrySchema = z
  .object({
    id: z.string(),
    actorId: z.string(),
    action: z.string().openapi({ example: 'listing.reject' }),
    targetType: z.enum(auditTargetTypes),
    targetId: z.string(),
    reason: z.string().optional(),
    at: timestamp,
  })
  .openapi('AuditEntry');

export const auditPageSchema = z
  .object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() })
  .openapi('AuditPage');
