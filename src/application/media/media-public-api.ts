import type { MediaRepository } from './ports/media-repository.js';
import type { ObjectStorage } from './ports/object-storage.js';
import type { MediaApi, MediaDocument, OwnedMediaStatus } from './public.js';

/** The media module's public API, over its media and the object store (links live `downloadUrlTtlSeconds`). */
export class MediaPublicApi implements MediaApi {
  constructor(
    private readonly media: MediaRepository,
    private readonly storage: ObjectStorage,
    private readonly downloadUrlTtlSeconds: number,
  ) {}

  async statusesOf(mediaIds: readonly string[], ownerId: string): Promise<Map<string, OwnedMediaStatus>> {
    const owned = new Map(
      (await this.media.findByIds(mediaIds)).filter((m) => m.ownerId === ownerId).map((m) => [m.id, m.status]),
    );
    return new Map(mediaIds.map((id) => [id, owned.get(id) ?? 'missing']));
  }

  async uploadedBy(ownerId: string, mediaIds: readonly string[]): Promise<Set<string>> {
    const found = await this.media.findByIds(mediaIds);
    return new Set(found.filter((m) => m.ownerId === ownerId && m.status !== 'awaiting_upload').map((m) => m.id));
  }

  async documents(mediaIds: readonly string[]): Promise<MediaDocument[]> {
    const byId = new Map((await this.media.findByIds(mediaIds)).map((m) => [m.id, m]));
    const found = mediaIds.flatMap((id) => byId.get(id) ?? []);
    const ttl = this.downloadUrlTtlSeconds;
    return Promise.all(
      found.map(async (m) => ({
        mediaId: m.id,
        contentType: m.contentType,
        url: await this.storage.presignGet(m.objectKey, ttl),
      })),
    );
  }
}
