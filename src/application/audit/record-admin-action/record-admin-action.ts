import type { EventEnvelope } from '../../shared/events/envelope.js';
import type { AuditLog } from '../ports/audit-log.js';

/**
 * Consumer of `admin.action`: each module stores that event with the admin's change in one
 * atomic step (its outbox), and this turns it into the audit entry. The entry's id is the
 * event's, so a redelivered event records nothing twice; its time is when the action happened.
 */
export class RecordAdminAction {
  static readonly consumer = 'audit.record-admin-action';

  constructor(private readonly audit: AuditLog) {}

  async handle(event: EventEnvelope<'admin.action'>): Promise<void> {
    await this.audit.record({ id: event.id, ...event.payload, at: new Date(event.occurredAt) });
  }
}
