import { randomBytes } from 'node:crypto';
import type { Container } from 'inversify';
import type { Redis } from 'ioredis';
import type { Db } from 'mongodb';
import type { Config } from '../config.js';
import { MediaStatusLookup } from '../application/catalog/ports/media-status-lookup.js';
import { KycDocuments } from '../application/identity/ports/kyc-documents.js';
import { ApplyModerationVerdict } from '../application/media/apply-moderation-verdict/apply-moderation-verdict.js';
import { CompleteUpload } from '../application/media/complete-upload/complete-upload.js';
import { GetMedia } from '../application/media/get-media/get-media.js';
import { MediaRepository } from '../application/media/ports/media-repository.js';
import { ObjectStorage } from '../application/media/ports/object-storage.js';
import { UploadSlots } from '../application/media/ports/upload-slots.js';
import { RequestUpload } from '../application/media/request-upload/request-upload.js';
import { SubmitModerationVerdict } from '../application/media/submit-moderation-verdict/submit-moderation-verdict.js';
import { EventBus } from '../application/shared/events/event-bus.js';
import { EventFactoryToken } from '../application/shared/events/event-factory.js';
import { Clock } from '../application/shared/ports/clock.js';
import { IdGenerator } from '../application/shared/ports/id-generator.js';
import { InProcessKycDocuments } from '../adapters/in-process/media-kyc-documents.js';
import { InProcessMediaStatusLookup } from '../adapters/in-process/media-status-lookup.js';
import { EmbeddedObjectStorage } from '../adapters/memory/media/embedded-object-storage.js';
import { MemoryMediaRepository } from '../adapters/memory/media/memory-media-repository.js';
import { MemoryUploadSlots } from '../adapters/memory/media/memory-upload-slots.js';
import { MemoryOutbox, MemoryOutboxToken } from '../adapters/memory/shared/memory-outbox.js';
import { MongoMediaRepository } from '../adapters/mongo/media/mongo-media-repository.js';
import { MongoDbToken } from '../adapters/mongo/mongo-connection.js';
import { RuntimeToken, type Runtime } from '../adapters/platform/runtime.js';
import { RedisUploadSlots } from '../adapters/redis/media/redis-upload-slots.js';
import { RedisKeyPrefix, RedisToken } from '../adapters/redis/redis-connection.js';
import { S3ObjectStorage } from '../adapters/s3/s3-object-storage.js';
import { bindUseCase } from './bind-use-case.js';
import { mongoOutboxStore } from './outbox.js';

async function bindRepository(container: Container): Promise<void> {
  if (container.isBound(MongoDbToken)) {
    const outbox = await mongoOutboxStore(container, 'media');
    const repository = new MongoMediaRepository(container.get<Db>(MongoDbToken), outbox);
    await repository.ensureIndexes();
    container.bind<MediaRepository>(MediaRepository).toConstantValue(repository);
  } else {
    const outbox = container.get<MemoryOutbox>(MemoryOutboxToken);
    container.bind<MediaRepository>(MediaRepository).toConstantValue(new MemoryMediaRepository(outbox));
  }
  const redis = container.isBound(RedisToken) ? container.get<Redis>(RedisToken) : undefined;
  const slots = redis ? new RedisUploadSlots(redis, container.get<string>(RedisKeyPrefix)) : new MemoryUploadSlots();
  container.bind<UploadSlots>(UploadSlots).toConstantValue(slots);
  container.bind<MediaStatusLookup>(MediaStatusLookup).toResolvedValue((media: MediaRepository) => new InProcessMediaStatusLookup(media), [MediaRepository]);
}

/** S3 when S3_BUCKET is set (pinged by /readyz); else the embedded store, whose URLs the app serves, signed with a per-process key. */
function bindStorage(container: Container, config: Config): void {
  const clock = container.get<Clock>(Clock);
  if (config.s3) {
    const storage = new S3ObjectStorage(config.s3, clock);
    const runtime = container.get<Runtime>(RuntimeToken);
    runtime.healthChecks.push({ name: 's3', ping: () => storage.ping() });
    runtime.onShutdown('s3', async () => storage.close());
    container.bind<ObjectStorage>(ObjectStorage).toConstantValue(storage);
    return;
  }
  const options = { baseUrl: config.publicBaseUrl, signingKey: randomBytes(32), maxBytes: config.media.maxBytes };
  container.bind(EmbeddedObjectStorage).toConstantValue(new EmbeddedObjectStorage(options, clock));
  container.bind<ObjectStorage>(ObjectStorage).toService(EmbeddedObjectStorage);
}

function bindUseCases(container: Container, config: Config): void {
  const { maxBytes, uploadUrlTtlSeconds, downloadUrlTtlSeconds, maxPendingUploads } = config.media;
  container
    .bind(RequestUpload)
    .toResolvedValue(
      (media: MediaRepository, storage: ObjectStorage, slots: UploadSlots, ids: IdGenerator, clock: Clock) =>
        new RequestUpload(media, storage, slots, ids, clock, { maxBytes, uploadUrlTtlSeconds, maxPendingUploads }),
      [MediaRepository, ObjectStorage, UploadSlots, IdGenerator, Clock],
    );
  container
    .bind(GetMedia)
    .toResolvedValue((media: MediaRepository, storage: ObjectStorage) => new GetMedia(media, storage, downloadUrlTtlSeconds), [MediaRepository, ObjectStorage]);
  container
    .bind<KycDocuments>(KycDocuments)
    .toResolvedValue((media: MediaRepository, storage: ObjectStorage) => new InProcessKycDocuments(media, storage, downloadUrlTtlSeconds), [MediaRepository, ObjectStorage]);
  const bind = bindUseCase(container);
  bind(CompleteUpload, [MediaRepository, ObjectStorage, UploadSlots, EventFactoryToken, Clock]);
  bind(SubmitModerationVerdict, [MediaRepository, EventFactoryToken, Clock]);
  bind(ApplyModerationVerdict, [MediaRepository, Clock]);
}

/** Media: image uploads through presigned URLs, their moderation, and the catalog's view of their statuses. */
export async function bindMedia(container: Container, config: Config): Promise<void> {
  await bindRepository(container);
  bindStorage(container, config);
  bindUseCases(container, config);
}

/** The media module's consumers; registered before the bus starts. */
export function subscribeMedia(container: Container): void {
  container.get<EventBus>(EventBus).subscribe({
    consumer: ApplyModerationVerdict.consumer,
    topics: ['image.moderation.result'],
    handler: (event) => container.get(ApplyModerationVerdict).handle(event),
  });
}
