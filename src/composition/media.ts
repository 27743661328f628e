import { randomBytes } from 'node:crypto';
import type { Container } from 'inversify';
import type { Config } from '../config.js';
import { MediaStatusLookup } from '../application/catalog/ports/media-status-lookup.js';
import { MediaUseCases } from '../application/media/use-cases.js';
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
import { InProcessKycDocuments } from '../adapters/in-process/media-identity-kyc-documents.js';
import { InProcessMediaStatusLookup } from '../adapters/in-process/media-catalog-status-lookup.js';
import { MediaApi } from '../application/media/public.js';
import { MediaPublicApi } from '../application/media/media-public-api.js';
import { EmbeddedObjectStorage } from '../adapters/memory/media/embedded-object-storage.js';
import { MemoryMediaRepository } from '../adapters/memory/media/memory-media-repository.js';
import { MemoryUploadSlots } from '../adapters/memory/media/memory-upload-slots.js';
import { MemoryOutbox, MemoryOutboxToken } from '../adapters/memory/shared/memory-outbox.js';
import { MongoMediaRepository } from '../adapters/mongo/media/mongo-media-repository.js';
import { RuntimeToken, type Runtime } from '../adapters/platform/runtime.js';
import { RedisUploadSlots } from '../adapters/redis/media/redis-upload-slots.js';
import { S3ObjectStorage } from '../adapters/s3/s3-object-storage.js';
import { bindUseCase, bindUseCaseSet } from './bind-use-case.js';
import { indexed, mongoOf, redisOf } from './connections.js';
import { bindPorts, port, type PortTable } from './port-wiring.js';
import { mongoOutboxStore } from './outbox.js';

/** Media's wiring table: media in MongoDB, upload slots in Redis, images in S3 (or the embedded store). */
export function mediaPorts(config: Config): PortTable {
  return [
    port<MediaRepository>({
      name: 'mediaRepository',
      token: MediaRepository,
      adapters: {
        memory: (container) => new MemoryMediaRepository(container.get<MemoryOutbox>(MemoryOutboxToken)),
        mongodb: async (container) =>
          indexed(new MongoMediaRepository(mongoOf(container), await mongoOutboxStore(container, 'media'))),
      },
    }),
    port<UploadSlots>({
      name: 'uploadSlots',
      token: UploadSlots,
      adapters: {
        memory: () => new MemoryUploadSlots(),
        redis: (container) => new RedisUploadSlots(...redisOf(container)),
      },
    }),
    port<ObjectStorage>({
      name: 'objectStorage',
      token: ObjectStorage,
      labels: {
        s3: `s3 (bucket ${config.s3?.bucket})`,
        memory: `embedded (in memory, served at ${config.publicBaseUrl}/media-store)`,
      },
      adapters: {
        memory: (container) => embeddedStorage(container, config),
        s3: (container) => s3Storage(container, config),
      },
    }),
  ];
}

/** S3 when S3_BUCKET is set (pinged by /readyz, so bound under its class too). */
function s3Storage(container: Container, config: Config): ObjectStorage {
  const storage = new S3ObjectStorage(config.s3!, container.get<Clock>(Clock));
  container.get<Runtime>(RuntimeToken).onShutdown('s3', async () => storage.close());
  container.bind(S3ObjectStorage).toConstantValue(storage);
  return storage;
}

/**
 * The embedded store, whose URLs the app serves (bound under its class for its routes), signed with a per-process key.
 */
function embeddedStorage(container: Container, config: Config): ObjectStorage {
  const options = { baseUrl: config.publicBaseUrl, signingKey: randomBytes(32), maxBytes: config.media.maxBytes };
  const storage = new EmbeddedObjectStorage(options, container.get<Clock>(Clock));
  container.bind(EmbeddedObjectStorage).toConstantValue(storage);
  return storage;
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
    .toResolvedValue(
      (media: MediaRepository, storage: ObjectStorage) => new GetMedia(media, storage, downloadUrlTtlSeconds),
      [MediaRepository, ObjectStorage],
    );
  container
    .bind<KycDocuments>(KycDocuments)
    .toResolvedValue((media: MediaApi) => new InProcessKycDocuments(media), [MediaApi]);
  container
    .bind<MediaApi>(MediaApi)
    .toResolvedValue(
      (media: MediaRepository, storage: ObjectStorage) => new MediaPublicApi(media, storage, downloadUrlTtlSeconds),
      [MediaRepository, ObjectStorage],
    );
  const bind = bindUseCase(container);
  bind(CompleteUpload, [MediaRepository, ObjectStorage, UploadSlots, EventFactoryToken, Clock]);
  bind(SubmitModerationVerdict, [MediaRepository, EventFactoryToken, Clock]);
  bind(ApplyModerationVerdict, [MediaRepository, Clock]);
  bindUseCaseSet(container, MediaUseCases, {
    requestUpload: RequestUpload,
    completeUpload: CompleteUpload,
    getMedia: GetMedia,
    submitModerationVerdict: SubmitModerationVerdict,
  });
}

/** Media: image uploads through presigned URLs, their moderation, and the catalog's view of their statuses. */
export async function bindMedia(container: Container, config: Config): Promise<void> {
  await bindPorts(container, config, mediaPorts(config));
  container
    .bind<MediaStatusLookup>(MediaStatusLookup)
    .toResolvedValue((media: MediaApi) => new InProcessMediaStatusLookup(media), [MediaApi]);
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
