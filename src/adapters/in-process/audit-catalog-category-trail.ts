import type { AuditApi } from '../../application/audit/public.js';
import type { AuditTrail, CategoryAuditEntry } from '../../application/catalog/ports/audit-trail.js';

/**
 * The catalog's category audit trail, written in-process through the audit module's public API (an HTTP call after a
 * split).
 */
export class InProcessCategoryAuditTrail implements AuditTrail {
  constructor(private readonly audit: AuditApi) {}

  record(entry: CategoryAuditEntry): Promise<void> {
    return this.audit.record(entry);
  }
}
