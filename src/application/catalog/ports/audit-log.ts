/** Who did what to what, when and why: every admin action on the catalog. Append-only. */
export interface AuditEntry {
  id: string;
  actorId: string;
  action: string;
  targetType: 'listing' | 'category' | 'media' | 'user';
  targetId: string;
  reason?: string;
  at: Date;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Entries about one target, oldest first. */
  listFor(targetType: AuditEntry['targetType'], targetId: string): Promise<AuditEntry[]>;
}
export const AuditLog = Symbol.for('AuditLog');
