import type { AuditLog } from '../../application/audit/ports/audit-log.js';
import type { AuditTrail, CategoryAuditEntry } from '../../application/catalog/ports/audit-trail.js';

/** The catalog's category audit trail, written in-process to the audit module's log (an HTTP call after a split). */
export class InProcessCategoryAuditTrail implements AuditTrail {
  constructor(private readonly audit: AuditLog) {}

  record(entry: CategoryAuditEntry): Promise<void> {
    return this.audit.record(entry);
  }
}
