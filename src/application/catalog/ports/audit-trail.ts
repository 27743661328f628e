/** An admin's change to a category, as the audit log keeps it. */
export interface CategoryAuditEntry {
  id: string;
  actorId: string;
  action: 'category.create' | 'category.update' | 'category.delete';
  targetType: 'category';
  targetId: string;
  at: Date;
}

/**
 * Where the catalog records admins' category changes: the one audit log, served in-process by the
 * audit module. Recorded right after the change, not in the same atomic step: the category store
 * has no outbox (a category is deleted outright, leaving no document to hold one). Listings are
 * audited through their outbox instead (`admin.action`).
 */
export interface AuditTrail {
  record(entry: CategoryAuditEntry): Promise<void>;
}
export const AuditTrail = Symbol.for('CatalogAuditTrail');
