import type { Collection, Db } from 'mongodb';
import type { AuditEntry, AuditLog } from '../../../application/catalog/ports/audit-log.js';
import { optional } from '../../shared/catalog/copies.js';

type AuditDocument = Omit<AuditEntry, 'id'> & { _id: string };

/** The catalog's audit trail in the `audit_log` collection, `_id` = entry id; insert-only. */
export class MongoAuditLog implements AuditLog {
  private readonly entries: Collection<AuditDocument>;

  constructor(db: Db) {
    this.entries = db.collection<AuditDocument>('audit_log', { ignoreUndefined: true });
  }

  /** Creates the (targetType, targetId, at) index that `listFor` uses; call once at start. */
  async ensureIndexes(): Promise<void> {
    await this.entries.createIndex({ targetType: 1, targetId: 1, at: 1 }, { name: 'target_at' });
  }

  async record(entry: AuditEntry): Promise<void> {
    const { id, actorId, action, targetType, targetId, reason, at } = entry;
    await this.entries.insertOne({ _id: id, actorId, action, targetType, targetId, reason, at });
  }

  async listFor(targetType: AuditEntry['targetType'], targetId: string): Promise<AuditEntry[]> {
    const documents = await this.entries.find({ targetType, targetId }).sort({ at: 1, _id: 1 }).toArray();
    return documents.map(toEntry);
  }
}

function toEntry(document: AuditDocument): AuditEntry {
  const { _id, actorId, action, targetType, targetId, reason, at } = document;
  return { id: _id, actorId, action, targetType, targetId, ...optional('reason', reason), at };
}
