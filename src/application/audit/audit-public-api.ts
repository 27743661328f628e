import type { AuditLog } from './ports/audit-log.js';
import type { AuditApi, AuditRecord } from './public.js';

/** The audit module's public API, over its log. */
export class AuditPublicApi implements AuditApi {
  constructor(private readonly log: AuditLog) {}

  record(record: AuditRecord): Promise<void> {
    return this.log.record(record);
  }
}
