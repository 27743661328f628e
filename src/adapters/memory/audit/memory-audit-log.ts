import type { AuditEntry, AuditFilter, AuditLog } from '../../../application/audit/ports/audit-log.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import { auditPage, timeKey } from '../../shared/audit/audit-pages.js';
import { optional } from '../../shared/optional.js';
import { decodeCursor, isAfter, newestFirst } from '../../shared/newest-first-pages.js';

/** AuditLog in process memory, listed newest first (time, then id) as the MongoDB adapter sorts. */
export class MemoryAuditLog implements AuditLog {
  private readonly entries = new Map<string, AuditEntry>();

  async record(entry: AuditEntry): Promise<void> {
    if (!this.entries.has(entry.id)) this.entries.set(entry.id, copy(entry));
  }

  async list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntry>> {
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    const listed = [...this.entries.values()].filter(
      (entry) => matches(entry, filter) && (!after || isAfter(timeKey(entry), after)),
    );
    const fetched = listed.sort((a, b) => newestFirst(timeKey(a), timeKey(b))).slice(0, page.limit + 1);
    return auditPage(fetched.map(copy), page.limit);
  }
}

function matches(entry: AuditEntry, filter: AuditFilter): boolean {
  return (
    (filter.actorId === undefined || entry.actorId === filter.actorId) &&
    (filter.targetId === undefined || entry.targetId === filter.targetId)
  );
}

function copy(entry: AuditEntry): AuditEntry {
  const { id, actorId, action, targetType, targetId, reason, at } = entry;
  return { id, actorId, action, targetType, targetId, ...optional('reason', reason), at: new Date(at) };
}
