import type { AuditEntry } from '../../../application/audit/ports/audit-log.js';
import type { AuditUseCases } from '../../../application/audit/use-cases.js';
import type { ApiRouter } from '../api-router.js';
import { listReply, pageAndFilter } from '../list-replies.js';
import { auditPageSchema, auditQuery } from './audit-schemas.js';

const presentEntry = (entry: AuditEntry) => ({ ...entry, at: entry.at.toISOString() });

export function auditRoutes(api: ApiRouter, useCases: AuditUseCases): void {
  api.route({
    method: 'get',
    path: '/admin/audit',
    operationId: 'listAuditEntries',
    tag: 'Admin',
    summary:
      'The audit log of admin actions (listings, media, KYC, categories, deliveries, orders, auctions), newest ' +
      'first. ' +
      'An action appears once the outbox relay has carried its admin.action event (normally within milliseconds)',
    auth: ['admin'],
    query: auditQuery,
    responses: {
      200: { description: 'a page of audit entries', schema: auditPageSchema },
      400: { description: 'bad filter or cursor' },
      401: { description: 'not signed in' },
      403: { description: 'not an admin' },
    },
    handler: async ({ query }) => {
      const { page, filter } = pageAndFilter(query);
      return listReply(await useCases.listAuditLog.execute(filter, page), presentEntry);
    },
  });
}
