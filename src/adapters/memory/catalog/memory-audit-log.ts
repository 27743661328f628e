import type { AuditEntry, AuditLog } from '../../../application/catalog/ports/audit-log.js';
import { compareStrings } from '../../shared/catalog/ordering.js';
import { optional } from '../../shared/catalog/copies.js';

/** AuditLog in process memory; listed oldest first, then by id, as the MongoDB adapter sorts. */
export class MemoryAuditLog implements AuditLog {
  private readonly entries: AuditEntry[] = [];

  async record(entry: AuditEntry): Promise<void> {
    this.entries.push(copy(entry));
  }

  async listFor(targetType: AuditEntry['targetType'], targetId: string): Promise<AuditEntry[]> {
    return this.entries
      .filter((entry) => entry.targetType === targetType && entry.targetId === targetId)
      .sort((a, b) => a.at.getTime() - b.at.getTime() || compareStrings(a.id, b.id))
      .map(copy);
  }
}

function copy(entry: AuditEntry): AuditEntry {
  const { id, actorId, action, targetType, targetId, reason, at } = entry;
  return { id, actorId, action, targetType, targetId, ...optional('reason', reason), at: new Date(at) };
}
