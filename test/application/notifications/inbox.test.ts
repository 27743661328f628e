import { describe, expect, it } from 'vitest';
import { notificationFixture } from './notification-fixture.js';

/** Delivers `count` notifications to `userId`, a second apart; answers their ids, oldest first. */
async function deliverMany(
  f: ReturnType<typeof notificationFixture>,
  userId: string,
  count: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    f.clock.advance(1000);
    const event = f.envelope({ userId, title: `n${i}` });
    await f.deliver.handle(event);
    ids.push(event.id);
  }
  return ids;
}

describe('ListNotifications and MarkNotificationRead', () => {
  it("lists only the user's notifications, newest first, page by page", async () => {
    const f = notificationFixture();
    const ids = await deliverMany(f, 'u1', 5);
    await deliverMany(f, 'u2', 2);
    const first = await f.list.execute('u1', {}, { limit: 3 });
    expect(first.items.map((n) => n.id)).toEqual(ids.slice(2).reverse());
    const second = await f.list.execute('u1', {}, { limit: 3, cursor: first.nextCursor! });
    expect(second).toEqual({
      items: [expect.objectContaining({ id: ids[1] }), expect.objectContaining({ id: ids[0] })],
      nextCursor: null,
    });
  });

  it('marks read once: the first readAt stays, unread=true leaves it out', async () => {
    const f = notificationFixture();
    const [a, b] = await deliverMany(f, 'u1', 2);
    f.clock.advance(5000);
    const readAt = f.clock.now();
    expect(await f.markRead.execute('u1', a!)).toMatchObject({ id: a, readAt });
    f.clock.advance(5000);
    expect((await f.markRead.execute('u1', a!)).readAt).toEqual(readAt);
    expect((await f.list.execute('u1', { unread: true }, { limit: 10 })).items.map((n) => n.id)).toEqual([b]);
    expect((await f.list.execute('u1', {}, { limit: 10 })).items.map((n) => n.id)).toEqual([b, a]);
  });

  it("answers NOTIFICATION_NOT_FOUND for another user's notification and for an unknown id, changing nothing", async () => {
    const f = notificationFixture();
    const [a] = await deliverMany(f, 'u1', 1);
    await expect(f.markRead.execute('u2', a!)).rejects.toMatchObject({
      kind: 'not_found',
      code: 'NOTIFICATION_NOT_FOUND',
    });
    await expect(f.markRead.execute('u1', 'nope')).rejects.toMatchObject({
      kind: 'not_found',
      code: 'NOTIFICATION_NOT_FOUND',
    });
    expect((await f.repository.findById(a!))?.readAt).toBeNull();
  });
});
