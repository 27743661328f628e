import type { Collection, Db } from 'mongodb';
import type { MediaRepository } from '../../../application/media/ports/media-repository.js';
import type { PendingEvents } from '../../../application/shared/outbox/outbox.js';
import { mediaErrors } from '../../../domain/media/errors.js';
import type { Media, MediaStatus } from '../../../domain/media/media.js';

import { replaceWithOutbox, type MongoOutboxStore } from '../shared/mongo-outbox.js';

type MediaDocument = Omit<Media, 'id'> & { _id: string };

/** Fields a media may lack: a save removes them from the document when absent. */
const OPTIONAL_FIELDS = ['moderatedAt'] as const;

/**
 * Media in the `media` collection, `_id` = media id; a save is conditional on the stored status,
 * and an update (never a replace, which would drop events still pending) that appends its events
 * to the document's outbox in the same write.
 */
export class MongoMediaRepository implements MediaRepository {
  private readonly media: Collection<MediaDocument>;

  constructor(
    db: Db,
    private readonly outbox: MongoOutboxStore,
  ) {
    this.media = outbox.serializedWrites(db.collection<MediaDocument>('media', { ignoreUndefined: true }));
  }

  /** An owner's media, newest first (for listing them and for clean-up jobs); call once at start. */
  async ensureIndexes(): Promise<void> {
    await this.media.createIndex({ ownerId: 1, createdAt: -1 }, { name: 'ownerId_createdAt' });
  }

  async create(media: Media): Promise<void> {
    await this.media.insertOne(toDocument(media));
  }

  async save(media: Media, expectedStatus: MediaStatus, events: PendingEvents): Promise<void> {
    const update = replaceWithOutbox(toDocument(media), events, OPTIONAL_FIELDS);
    const result = await this.media.updateOne({ _id: media.id, status: expectedStatus }, update);
    if (result.matchedCount > 0) return this.outbox.written(events);
    throw (await this.media.countDocuments({ _id: media.id }, { limit: 1 })) > 0
      ? mediaErrors.concurrentUpdate()
      : mediaErrors.notFound();
  }

  async findById(id: string): Promise<Media | null> {
    const document = await this.media.findOne({ _id: id });
    return document && toMedia(document);
  }

  async findByIds(ids: readonly string[]): Promise<Media[]> {
    if (ids.length === 0) return [];
    const documents = await this.media.find({ _id: { $in: [...new Set(ids)] } }).toArray();
    return documents.map(toMedia);
  }
}

function toDocument(media: Media): MediaDocument {
  const { id, labels, ...fields } = media;
  return { _id: id, ...fields, labels: [...labels] };
}

function toMedia(document: MediaDocument): Media {
  return {
    id: document._id,
    ownerId: document.ownerId,
    contentType: document.contentType,
    size: document.size,
    filename: document.filename,
    objectKey: document.objectKey,
    status: document.status,
    labels: document.labels,
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
    ...(document.moderatedAt == null ? {} : { moderatedAt: document.moderatedAt }),
  };
}
