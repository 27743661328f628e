import type { Collection, Db, Filter } from 'mongodb';
import type {
  NotificationFilter,
  NotificationRepository,
} from '../../../application/notifications/ports/notification-repository.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import type { Notification } from '../../../domain/notifications/notification.js';
import { decodeCursor, newestFirstPage } from '../../shared/newest-first-pages.js';
import { isDuplicateKeyError } from '../shared/errors.js';
import { newestFirstAfter } from '../shared/newest-first-filter.js';

/**
 * `data` is kept as a list of pairs: its keys are the publisher's and may hold `.` or start with
 * `$`, which MongoDB (and FerretDB) refuse as field names.
 */
type NotificationDocument = Omit<Notification, 'id' | 'data'> & { _id: string; data: { key: string; value: string }[] };

function toDocument(notification: Notification): NotificationDocument {
  const { id, data, ...rest } = notification;
  return { _id: id, ...rest, data: Object.entries(data).map(([key, value]) => ({ key, value })) };
}

function toNotification(document: NotificationDocument): Notification {
  const { _id, data, ...rest } = document;
  return { id: _id, ...rest, data: Object.fromEntries(data.map(({ key, value }) => [key, value])) };
}

/** The `notifications` collection; `_id` is the notification id (the event's), so a redelivery inserts nothing. */
export class MongoNotificationRepository implements NotificationRepository {
  private readonly collection: Collection<NotificationDocument>;

  constructor(db: Db) {
    this.collection = db.collection<NotificationDocument>('notifications');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ userId: 1, createdAt: -1, _id: -1 }, { name: 'user_newest' });
  }

  async add(notification: Notification): Promise<boolean> {
    try {
      await this.collection.insertOne(toDocument(notification));
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async findById(id: string): Promise<Notification | null> {
    const document = await this.collection.findOne({ _id: id });
    return document ? toNotification(document) : null;
  }

  /** Conditional on readAt still null, so of racing marks the first one's time stays. */
  async markRead(id: string, at: Date): Promise<Notification | null> {
    await this.collection.updateOne({ _id: id, readAt: null }, { $set: { readAt: at } });
    return this.findById(id);
  }

  async listByUser(userId: string, filter: NotificationFilter, page: PageRequest): Promise<Page<Notification>> {
    const key = page.cursor ? decodeCursor(page.cursor) : undefined;
    const query: Filter<NotificationDocument> = {
      userId,
      ...(filter.unread ? { readAt: null } : {}),
      ...newestFirstAfter(key),
    };
    const documents = await this.collection
      .find(query)
      .sort({ createdAt: -1, _id: -1 })
      .limit(page.limit + 1)
      .toArray();
    return newestFirstPage(documents.map(toNotification), page.limit);
  }
}
