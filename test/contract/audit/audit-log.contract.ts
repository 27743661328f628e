import { randomUUID } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import type { AuditEntry, AuditLog } from '../../../src/application/audit/ports/audit-log.js';

/** The behaviour every AuditLog must have; `makeLog` gives an empty or unrelated log. */
export function auditLogContract(makeLog: () => AuditLog | Promise<AuditLog>): void {
  let log: AuditLog;
  let actor: string;
  let target: string;
  beforeEach(async () => {
    log = await makeLog();
    [actor, target] = [randomUUID(), randomUUID()];
  });

  const entry = (at: string, fields: Partial<AuditEntry> = {}): AuditEntry => ({
    id: randomUUID(),
    actorId: actor,
    action: 'listing.reject',
    targetType: 'listing',
    targetId: target,
    reason: 'blurry photos',
    at: new Date(at),
    ...fields,
  });
  const ids = (entries: AuditEntry[]) => entries.map((e) => e.id);

  it("lists an actor's or a target's entries newest first, whatever the order they were recorded in", async () => {
    const [early, late, middle] = [
      entry('2026-03-01T10:00:00Z'),
      entry('2026-03-01T12:00:00Z', { action: 'listing.approve' }),
      entry('2026-03-01T11:00:00Z', { targetId: randomUUID() }),
    ];
    for (const recorded of [
      late,
      early,
      middle,
      entry('2026-03-01T11:30:00Z', { actorId: randomUUID(), targetId: randomUUID() }),
    ])
      await log.record(recorded);
    expect(await log.list({ actorId: actor }, { limit: 20 })).toEqual({
      items: [late, middle, early],
      nextCursor: null,
    });
    expect(ids((await log.list({ targetId: target }, { limit: 20 })).items)).toEqual([late.id, early.id]);
    expect(ids((await log.list({ actorId: actor, targetId: middle.targetId }, { limit: 20 })).items)).toEqual([
      middle.id,
    ]);
    expect((await log.list({ actorId: randomUUID() }, { limit: 20 })).items).toEqual([]);
  });

  it('lists everything without a filter, newest first', async () => {
    const newest = entry('2999-01-01T00:00:00Z');
    await log.record(entry('2026-03-01T10:00:00Z'));
    await log.record(newest);
    expect((await log.list({}, { limit: 1 })).items).toEqual([newest]);
  });

  it('pages through every entry once, ties of time broken by id (descending)', async () => {
    const tied = Array.from({ length: 5 }, () => entry('2026-03-01T10:00:00Z'));
    const older = entry('2026-03-01T09:00:00Z');
    for (const recorded of [...tied, older]) await log.record(recorded);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await log.list({ actorId: actor }, { limit: 2, cursor });
      seen.push(...ids(page.items));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...ids(tied).sort().reverse(), older.id]);
  });

  it('records an entry once: the same id again (a redelivered event) changes nothing', async () => {
    const first = entry('2026-03-01T10:00:00Z');
    await log.record(first);
    await log.record({ ...first, action: 'listing.approve', reason: undefined });
    await Promise.all(Array.from({ length: 5 }, () => log.record(first)));
    expect((await log.list({ targetId: target }, { limit: 20 })).items).toEqual([first]);
  });

  it('keeps an absent reason absent, and the time a Date', async () => {
    const withoutReason = entry('2026-03-01T10:00:00Z', { targetType: 'media', reason: undefined });
    await log.record(withoutReason);
    const [found] = (await log.list({ targetId: target }, { limit: 20 })).items;
    expect(found).not.toHaveProperty('reason');
    expect(found?.at).toBeInstanceOf(Date);
    expect(found).toEqual(withoutReason);
  });

  it('refuses a cursor it did not give: INVALID_CURSOR', async () => {
    await expect(log.list({}, { limit: 5, cursor: '%%%' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
  });

  it('keeps its own copies: changing a passed or listed entry changes nothing stored', async () => {
    const recorded = entry('2026-03-01T10:00:00Z');
    await log.record(recorded);
    const original = structuredClone(recorded);
    recorded.at.setFullYear(2000);
    const [listed] = (await log.list({ targetId: target }, { limit: 20 })).items;
    listed?.at.setFullYear(2001);
    expect((await log.list({ targetId: target }, { limit: 20 })).items).toEqual([original]);
  });
}
