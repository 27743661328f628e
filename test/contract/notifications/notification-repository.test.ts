import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryNotificationRepository } from '../../../src/adapters/memory/notifications/memory-notification-repository.js';
import { MongoNotificationRepository } from '../../../src/adapters/mongo/notifications/mongo-notification-repository.js';
import type {
  NotificationFilter,
  NotificationRepository,
} from '../../../src/application/notifications/ports/notification-repository.js';
import { createNotification, type Notification } from '../../../src/domain/notifications/notification.js';
import { useMongoDatabase } from '../../support/mongo.js';
import { describeWithService } from '../../support/real-services.js';

const START = Date.parse('2026-03-01T10:00:00.000Z');

/** A notification of `userId` created `second` seconds after START. */
function notification(userId: string, second: number, overrides: Partial<Notification> = {}): Notification {
  return {
    ...createNotification({
      id: `n-${randomUUID()}`,
      userId,
      type: 'order.paid',
      title: 'Order paid',
      body: 'Ship it.',
      data: { orderId: 'o1' },
      createdAt: new Date(START + second * 1000),
    }),
    ...overrides,
  };
}

async function allIds(
  repository: NotificationRepository,
  userId: string,
  filter: NotificationFilter,
  limit: number,
): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page += 1) {
    const result = await repository.listByUser(userId, filter, { limit, ...(cursor ? { cursor } : {}) });
    ids.push(...result.items.map((n) => n.id));
    if (!result.nextCursor) return ids;
    cursor = result.nextCursor;
  }
  throw new Error('too many pages');
}

function notificationRepositoryContract(make: () => Promise<NotificationRepository>): void {
  it('stores a notification as it was and finds it by id', async () => {
    const repository = await make();
    // Any string is a key of data, also those MongoDB refuses as field names.
    const stored = notification(`u-${randomUUID()}`, 1, {
      data: { orderId: 'o1', 'listing.id': 'l1', $price: '12.50', '': 'empty' },
    });
    expect(await repository.add(stored)).toBe(true);
    expect(await repository.findById(stored.id)).toStrictEqual(stored);
    expect(await repository.findById(`n-${randomUUID()}`)).toBeNull();
  });

  it('adds an id once: again (a redelivered event) answers false and keeps the first', async () => {
    const repository = await make();
    const first = notification(`u-${randomUUID()}`, 1);
    expect(await repository.add(first)).toBe(true);
    expect(await repository.add({ ...first, title: 'changed' })).toBe(false);
    expect(await repository.findById(first.id)).toStrictEqual(first);
  });

  it('of 10 racing adds of one id exactly one answers true', async () => {
    const repository = await make();
    const one = notification(`u-${randomUUID()}`, 1);
    const answers = await Promise.all(Array.from({ length: 10 }, () => repository.add(one)));
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it('marks read once: the first time stays; an unknown id answers null', async () => {
    const repository = await make();
    const one = notification(`u-${randomUUID()}`, 1);
    await repository.add(one);
    const at = new Date(START + 60_000);
    expect(await repository.markRead(one.id, at)).toStrictEqual({ ...one, readAt: at });
    expect(await repository.markRead(one.id, new Date(START + 120_000))).toStrictEqual({ ...one, readAt: at });
    expect(await repository.findById(one.id)).toStrictEqual({ ...one, readAt: at });
    expect(await repository.markRead(`n-${randomUUID()}`, at)).toBeNull();
  });

  it("lists a user's notifications newest first (createdAt, then id), paging without gaps or duplicates", async () => {
    const repository = await make();
    const userId = `u-${randomUUID()}`;
    // Added out of order, some at the same second: createdAt then id orders them.
    const all = [3, 1, 7, 2, 5, 5, 4, 6, 6, 6].map((second) => notification(userId, second));
    for (const n of all) await repository.add(n);
    await repository.add(notification(`u-${randomUUID()}`, 8));
    const expected = [...all]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((n) => n.id);
    expect(await allIds(repository, userId, {}, 3)).toEqual(expected);
    expect(await allIds(repository, userId, {}, 10)).toEqual(expected);
    expect(await allIds(repository, userId, {}, 100)).toEqual(expected);
    expect(await repository.listByUser(`u-${randomUUID()}`, {}, { limit: 3 })).toEqual({ items: [], nextCursor: null });
  });

  it('unread: true leaves out the read ones, also across pages', async () => {
    const repository = await make();
    const userId = `u-${randomUUID()}`;
    const all = Array.from({ length: 7 }, (_, i) => notification(userId, i));
    for (const n of all) await repository.add(n);
    for (const n of [all[0]!, all[3]!, all[6]!]) await repository.markRead(n.id, new Date(START + 60_000));
    const unread = [all[5]!, all[4]!, all[2]!, all[1]!].map((n) => n.id);
    expect(await allIds(repository, userId, { unread: true }, 2)).toEqual(unread);
    expect(await allIds(repository, userId, { unread: false }, 2)).toHaveLength(7);
  });

  it('answers INVALID_CURSOR for a cursor it did not give', async () => {
    const repository = await make();
    await expect(repository.listByUser('u1', {}, { limit: 3, cursor: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'INVALID_CURSOR',
      kind: 'invalid',
    });
  });
}

describe('MemoryNotificationRepository', () =>
  notificationRepositoryContract(async () => new MemoryNotificationRepository()));

describeWithService('MONGO_URL', 'MongoNotificationRepository', (url) => {
  const db = useMongoDatabase(url);
  notificationRepositoryContract(async () => {
    const notifications = new MongoNotificationRepository(db());
    await notifications.ensureIndexes();
    return notifications;
  });

  it('keeps its documents in `notifications` with _id = the notification id and the user-newest index', async () => {
    const notifications = new MongoNotificationRepository(db());
    await notifications.ensureIndexes();
    const one = notification(`u-${randomUUID()}`, 1);
    await notifications.add(one);
    expect(
      await db()
        .collection('notifications')
        .findOne({ _id: one.id as never }),
    ).toMatchObject({ userId: one.userId, readAt: null });
    const indexes = await db().collection('notifications').indexes();
    expect(indexes.find((index) => index.name === 'user_newest')?.key).toEqual({ userId: 1, createdAt: -1, _id: -1 });
  });
});
