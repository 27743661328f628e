import type { ListAuditLog } from './list-audit-log/list-audit-log.js';

/** The audit use cases its driving adapters (the HTTP routes) call, bound by its composition. */
export interface AuditUseCases {
  listAuditLog: ListAuditLog;
}
export const AuditUseCases = Symbol.for('AuditUseCases');
