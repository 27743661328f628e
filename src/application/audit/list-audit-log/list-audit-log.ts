import type { Page, PageRequest } from '../../shared/ports/page.js';
import type { AuditEntry, AuditFilter, AuditLog } from '../ports/audit-log.js';

/** The audit log for an admin: newest first, by actor and/or target. */
export class ListAuditLog {
  constructor(private readonly audit: AuditLog) {}

  execute(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntry>> {
    return this.audit.list(filter, page);
  }
}
