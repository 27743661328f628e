import type { Container } from 'inversify';
import type { Config } from '../config.js';
import { ListAuditLog } from '../application/audit/list-audit-log/list-audit-log.js';
import { AuditUseCases } from '../application/audit/use-cases.js';
import { AuditLog } from '../application/audit/ports/audit-log.js';
import { AuditApi } from '../application/audit/public.js';
import { AuditPublicApi } from '../application/audit/audit-public-api.js';
import { RecordAdminAction } from '../application/audit/record-admin-action/record-admin-action.js';
import { EventBus } from '../application/shared/events/event-bus.js';
import { MemoryAuditLog } from '../adapters/memory/audit/memory-audit-log.js';
import { MongoAuditLog } from '../adapters/mongo/audit/mongo-audit-log.js';
import { bindUseCase, bindUseCaseSet } from './bind-use-case.js';
import { indexed, mongoOf } from './connections.js';
import { bindPorts, port, type PortTable } from './port-wiring.js';

/** Audit's wiring table: the log of admin actions, in MongoDB. */
export function auditPorts(): PortTable {
  return [
    port<AuditLog>({
      name: 'auditLog',
      token: AuditLog,
      adapters: {
        memory: () => new MemoryAuditLog(),
        mongodb: (container) => indexed(new MongoAuditLog(mongoOf(container))),
      },
    }),
  ];
}

/** Audit: the one log of admin actions, fed by `admin.action` events (and the catalog's category trail). */
export async function bindAudit(container: Container, config: Config): Promise<void> {
  await bindPorts(container, config, auditPorts());
  const bind = bindUseCase(container);
  bind(RecordAdminAction, [AuditLog]);
  bind(ListAuditLog, [AuditLog]);
  bindUseCaseSet(container, AuditUseCases, { listAuditLog: ListAuditLog });
  container.bind<AuditApi>(AuditApi).toResolvedValue((log: AuditLog) => new AuditPublicApi(log), [AuditLog]);
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
