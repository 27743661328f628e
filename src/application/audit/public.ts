import type { auditTargetTypes } from '../shared/events/catalogue.js';

/** An admin's action, as another module hands it to the audit log. */
export interface AuditRecord {
  id: string;
  actorId: string;
  action: string;
  targetType: (typeof auditTargetTypes)[number];
  targetId: string;
  reason?: string;
  at: Date;
}

/**
 * What other modules may ask of the audit module: its public API (served in-process by
 * `AuditPublicApi`; an HTTP API after a split). Most admin actions reach the log as `admin.action`
 * events; this is for a change whose store has no outbox.
 */
export interface AuditApi {
  /** Stores the record; a record whose id is stored already changes nothing. */
  record(record: AuditRecord): Promise<void>;
}
export const AuditApi = Symbol.for('AuditApi');
