import type { Collection, Db, Filter } from 'mongodb';
import type { AuditEntry, AuditFilter, AuditLog } from '../../../application/audit/ports/audit-log.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import { auditPage } from '../../shared/audit/audit-pages.js';
import { optional } from '../../shared/optional.js';
import { decodeCursor } from '../../shared/newest-first-pages.js';
import { isDuplicateKeyError } from '../shared/errors.js';
import { newestFirstAfter } from '../shared/newest-first-filter.js';

type AuditDocument = Omit<AuditEntry, 'id'> & { _id: string };

/**
 * The audit log in the `audit_log` collection, `_id` = entry id (so a second insert of an entry is a no-op);
 * insert-only.
 */
export class MongoAuditLog implements AuditLog {
  private readonly entries: Collection<AuditDocument>;

  constructor(db: Db) {
    this.entries = db.collection<AuditDocument>('audit_log', { ignoreUndefined: true });
  }

  /** Creates the indexes the lists use (newest first, by actor, by target); call once at start. */
  async ensureIndexes(): Promise<void> {
    await this.entries.createIndex({ at: -1, _id: -1 }, { name: 'newest' });
    await this.entries.createIndex({ actorId: 1, at: -1, _id: -1 }, { name: 'actor_newest' });
    await this.entries.createIndex({ targetId: 1, at: -1, _id: -1 }, { name: 'target_newest' });
  }

  async record(entry: AuditEntry): Promise<void> {
    const { id, actorId, action, targetType, targetId, reason, at } = entry;
    try {
      await this.entries.insertOne({ _id: id, actorId, action, targetType, targetId, reason, at });
    } catch (error) {
      if (!isDuplicateKeyError(error, '_id')) throw error;
    }
  }

  async list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntry>> {
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    const query = { $and: [matching(filter), newestFirstAfter(after, 'at')] } as Filter<AuditDocument>;
    const documents = await this.entries
      .find(query)
      .sort({ at: -1, _id: -1 })
      .limit(page.limit + 1)
      .toArray();
    return auditPage(documents.map(toEntry), page.limit);
  }
}

function matching(filter: AuditFilter): Filter<AuditDocument> {
  return { ...optional('actorId', filter.actorId), ...optional('targetId', filter.targetId) };
}

function toEntry(document: AuditDocument): AuditEntry {
  const { _id, actorId, action, targetType, targetId, reason, at } = document;
  return { id: _id, actorId, action, targetType, targetId, ...optional('reason', reason), at };
}
