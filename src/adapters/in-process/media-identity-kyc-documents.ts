import type { KycDocuments, KycDocumentView } from '../../application/identity/ports/kyc-documents.js';
import type { MediaApi } from '../../application/media/public.js';

/**
 * Identity's view of KYC documents, served in-process by the media module's public API (an HTTP call after a split).
 */
export class InProcessKycDocuments implements KycDocuments {
  constructor(private readonly media: MediaApi) {}

  uploadedBy(ownerId: string, mediaIds: readonly string[]): Promise<Set<string>> {
    return this.media.uploadedBy(ownerId, mediaIds);
  }

  views(mediaIds: readonly string[]): Promise<KycDocumentView[]> {
    return this.media.documents(mediaIds);
  }
}
