import type { Express } from 'express';
import request from 'supertest';
import { expect, vi } from 'vitest';

export interface AuditedAction {
  id: string;
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  reason?: string;
  at: string;
}

/**
 * GET /admin/audit with `query` once it lists `count` entries (newest first): an admin action's
 * entry follows its `admin.action` event through the outbox relay, so it may take a moment.
 */
export async function auditEntries(
  app: Express,
  admin: { Authorization: string },
  query: Record<string, string>,
  count: number,
): Promise<AuditedAction[]> {
  let items: AuditedAction[] = [];
  await vi.waitFor(
    async () => {
      const res = await request(app)
        .get('/api/v1/admin/audit')
        .query({ ...query, limit: 100 })
        .set(admin);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      items = res.body.items;
      expect(items.length).toBeGreaterThanOrEqual(count);
    },
    { timeout: 15_000, interval: 20 },
  );
  return items;
}
