import { randomUUID } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import type { AuditEntry, AuditLog } from '../../../src/application/catalog/ports/audit-log.js';

function entry(targetId: string, at: string, fields: Partial<AuditEntry> = {}): AuditEntry {
  return { id: randomUUID(), actorId: 'admin-1', action: 'listing.rejected', targetType: 'listing', targetId, reason: 'blurry photos', at: new Date(at), ...fields };
}

/** The behaviour every AuditLog must have; `makeLog` gives an empty or unrelated log. */
export function auditLogContract(makeLog: () => AuditLog | Promise<AuditLog>): void {
  let log: AuditLog;
  let target: string;
  beforeEach(async () => {
    log = await makeLog();
    target = randomUUID();
  });

  it('lists the entries about one target, oldest first, whatever the order they were recorded in', async () => {
    const late = entry(target, '2026-03-01T12:00:00.000Z', { action: 'listing.approved' });
    const early = entry(target, '2026-03-01T10:00:00.000Z');
    await log.record(late);
    await log.record(early);
    await log.record(entry(randomUUID(), '2026-03-01T11:00:00.000Z'));
    await log.record(entry(target, '2026-03-01T11:00:00.000Z', { targetType: 'category' }));
    expect(await log.listFor('listing', target)).toEqual([early, late]);
  });

  it('breaks ties of time by entry id', async () => {
    const entries = Array.from({ length: 5 }, () => entry(target, '2026-03-01T10:00:00.000Z'));
    for (const recorded of entries) await log.record(recorded);
    expect((await log.listFor('listing', target)).map((e) => e.id)).toEqual(entries.map((e) => e.id).sort());
  });

  it('keeps an absent reason absent, and the time a Date', async () => {
    const withoutReason = entry(target, '2026-03-01T10:00:00.000Z', { targetType: 'media', reason: undefined });
    await log.record(withoutReason);
    const [found] = await log.listFor('media', target);
    expect(found).not.toHaveProperty('reason');
    expect(found?.at).toBeInstanceOf(Date);
    expect(found).toEqual(withoutReason);
  });

  it('answers an empty list for a target without entries', async () => {
    expect(await log.listFor('user', randomUUID())).toEqual([]);
  });

  it('keeps its own copies: changing a passed or listed entry changes nothing stored', async () => {
    const recorded = entry(target, '2026-03-01T10:00:00.000Z');
    await log.record(recorded);
    const original = structuredClone(recorded);
    recorded.at.setFullYear(2000);
    const [listed] = await log.listFor('listing', target);
    listed?.at.setFullYear(2001);
    expect(await log.listFor('listing', target)).toEqual([original]);
  });
}
