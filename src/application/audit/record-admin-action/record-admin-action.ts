import type { EventEnvelope } from '../../shared/events/envelope.js';
import type { AuditLog } from '../ports/audit-log.js';

/**
 * Turns admin actions into audit entries. Each module stores `admin.action` with the admin's
 * change in one atomic step (its outbox); an admin's order cancel is read from `order.cancelled`
 * (`cancelReason: admin`), which the orders module stores with the cancel. The entry's id is the
 * event's, so a redelivered event records nothing twice; its time is when the action happened.
 */
export class RecordAdminAction {
  static readonly consumer = 'audit.record-admin-action';
  static readonly orderCancelConsumer = 'audit.record-admin-order-cancel';

  constructor(private readonly audit: AuditLog) {}

  async handle(event: EventEnvelope<'admin.action'>): Promise<void> {
    await this.audit.record({ id: event.id, ...event.payload, at: new Date(event.occurredAt) });
  }

  async handleOrderCancelled(event: EventEnvelope<'order.cancelled'>): Promise<void> {
    const { cancelReason, cancelledBy, orderId, reason } = event.payload;
    if (cancelReason !== 'admin') return;
    const entry = {
      id: event.id,
      actorId: cancelledBy,
      action: 'order.cancel',
      targetType: 'order' as const,
      targetId: orderId,
      at: new Date(event.occurredAt),
    };
    await this.audit.record(reason ? { ...entry, reason } : entry);
  }
}
