import type { KycDocuments, KycDocumentView } from '../../application/identity/ports/kyc-documents.js';
import type { MediaRepository } from '../../application/media/ports/media-repository.js';
import type { ObjectStorage } from '../../application/media/ports/object-storage.js';

/** Identity's view of KYC documents, served in-process by the media module (an HTTP call after a split). */
export class InProcessKycDocuments implements KycDocuments {
  constructor(
    private readonly media: MediaRepository,
    private readonly storage: ObjectStorage,
    private readonly downloadUrlTtlSeconds: number,
  ) {}

  async uploadedBy(ownerId: string, mediaIds: readonly string[]): Promise<Set<string>> {
    const found = await this.media.findByIds(mediaIds);
    return new Set(found.filter((m) => m.ownerId === ownerId && m.status !== 'awaiting_upload').map((m) => m.id));
  }

  async views(mediaIds: readonly string[]): Promise<KycDocumentView[]> {
    const byId = new Map((await this.media.findByIds(mediaIds)).map((m) => [m.id, m]));
    const found = mediaIds.flatMap((id) => byId.get(id) ?? []);
    const ttl = this.downloadUrlTtlSeconds;
    return Promise.all(found.map(async (m) => ({ mediaId: m.id, contentType: m.contentType, url: await this.storage.presignGet(m.objectKey, ttl) })));
  }
}
