import { describe, expect, it } from 'vitest';
import { RecordAdminAction } from '../../../src/application/audit/record-admin-action/record-admin-action.js';
import type { EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import { MemoryAuditLog } from '../../../src/adapters/memory/audit/memory-audit-log.js';

const at = '2026-03-01T10:00:00.000Z';
const action: EventEnvelope<'admin.action'> = {
  id: 'e-1',
  topic: 'admin.action',
  occurredAt: at,
  payload: { actorId: 'admin-1', action: 'listing.reject', targetType: 'listing', targetId: 'l-1', reason: 'fake' },
};
const cancelled = (cancelReason: 'buyer' | 'admin' | 'payment_timeout'): EventEnvelope<'order.cancelled'> => ({
  id: `order.cancelled:o-${cancelReason}`,
  topic: 'order.cancelled',
  occurredAt: at,
  payload: {
    orderId: `o-${cancelReason}`,
    buyerId: 'b-1',
    sellerIds: ['s-1'],
    cancelledBy: cancelReason === 'admin' ? 'admin-1' : 'b-1',
    cancelReason,
    items: [],
  },
});

describe('RecordAdminAction', () => {
  it('records an admin.action under its event id and time, once however often it is delivered', async () => {
    const log = new MemoryAuditLog();
    const record = new RecordAdminAction(log);
    await Promise.all([record.handle(action), record.handle(action), record.handle(action)]);
    const entry = {
      id: 'e-1',
      actorId: 'admin-1',
      action: 'listing.reject',
      targetType: 'listing',
      targetId: 'l-1',
      reason: 'fake',
      at: new Date(at),
    };
    expect((await log.list({}, { limit: 10 })).items).toEqual([entry]);
  });

  it("records an order cancelled by an admin, and neither a buyer's cancel nor a payment timeout", async () => {
    const log = new MemoryAuditLog();
    const record = new RecordAdminAction(log);
    for (const reason of ['buyer', 'admin', 'payment_timeout'] as const)
      await record.handleOrderCancelled(cancelled(reason));
    await record.handleOrderCancelled(cancelled('admin'));
    expect((await log.list({}, { limit: 10 })).items).toEqual([
      {
        id: 'order.cancelled:o-admin',
        actorId: 'admin-1',
        action: 'order.cancel',
        targetType: 'order',
        targetId: 'o-admin',
        at: new Date(at),
      },
    ]);
  });
});
