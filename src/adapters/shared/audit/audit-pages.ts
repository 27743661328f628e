import type { AuditEntry } from '../../../application/audit/ports/audit-log.js';
import type { Page } from '../../../application/shared/ports/page.js';
import { encodeCursor, type NewestFirstItem } from '../newest-first-pages.js';

/** An entry as the newest-first lists see it: ordered by `at`, then id. */
export const timeKey = (entry: AuditEntry): NewestFirstItem => ({ id: entry.id, createdAt: entry.at });

/**
 * `fetched` holds up to limit + 1 entries after the cursor, newest first: the extra one says whether a next page
 * exists.
 */
export function auditPage(fetched: AuditEntry[], limit: number): Page<AuditEntry> {
  const items = fetched.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: fetched.length > limit && last ? encodeCursor(timeKey(last)) : null };
}
