import type { Container } from 'inversify';
import type { Db } from 'mongodb';
import { ListAuditLog } from '../application/audit/list-audit-log/list-audit-log.js';
import { AuditLog } from '../application/audit/ports/audit-log.js';
import { RecordAdminAction } from '../application/audit/record-admin-action/record-admin-action.js';
import { EventBus } from '../application/shared/events/event-bus.js';
import { MemoryAuditLog } from '../adapters/memory/audit/memory-audit-log.js';
import { MongoAuditLog } from '../adapters/mongo/audit/mongo-audit-log.js';
import { MongoDbToken } from '../adapters/mongo/mongo-connection.js';
import { bindUseCase } from './bind-use-case.js';

/** Audit: the one log of admin actions, fed by `admin.action` events (and the catalog's category trail). */
export async function bindAudit(container: Container): Promise<void> {
  if (container.isBound(MongoDbToken)) {
    const log = new MongoAuditLog(container.get<Db>(MongoDbToken));
    await log.ensureIndexes();
    container.bind<AuditLog>(AuditLog).toConstantValue(log);
  } else {
    container.bind<AuditLog>(AuditLog).toConstantValue(new MemoryAuditLog());
  }
  const bind = bindUseCase(container);
  bind(RecordAdminAction, [AuditLog]);
  bind(ListAuditLog, [AuditLog]);
}

/** The audit module's consumers; registered before the bus starts. */
export function subscribeAudit(container: Container): void {
  const bus = container.get<EventBus>(EventBus);
  bus.subscribe({
    consumer: RecordAdminAction.consumer,
    topics: ['admin.action'],
    handler: (event) => container.get(RecordAdminAction).handle(event),
  });
  bus.subscribe({
    consumer: RecordAdminAction.orderCancelConsumer,
    topics: ['order.cancelled'],
    handler: (event) => container.get(RecordAdminAction).handleOrderCancelled(event),
  });
}
