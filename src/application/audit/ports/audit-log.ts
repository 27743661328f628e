import type { auditTargetTypes } from '../../shared/events/catalogue.js';
import type { Page, PageRequest } from '../../shared/ports/page.js';

export type AuditTargetType = (typeof auditTargetTypes)[number];

/** Who did what to what, when and why: one admin action. */
export interface AuditEntry {
  id: string;
  actorId: string;
  action: string;
  targetType: AuditTargetType;
  targetId: string;
  reason?: string;
  at: Date;
}

/** What the admin narrows the log to; every given field must match. */
export interface AuditFilter {
  actorId?: string;
  targetId?: string;
}

/** The one audit log of admin actions, every module's. Append-only. */
export interface AuditLog {
  /** Stores an entry; an entry whose id is stored already changes nothing (a redelivered event). */
  record(entry: AuditEntry): Promise<void>;
  /** The entries matching `filter`, newest first (time, then id, descending). */
  list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntry>>;
}
export const AuditLog = Symbol.for('AuditLog');
