/** A KYC document as an admin sees it: the media's type and a short-lived link to its bytes. */
export interface KycDocumentView {
  mediaId: string;
  contentType: string;
  /** A short-lived download link (admins only; KYC media are never public). */
  url: string;
}

/**
 * What identity needs of media for KYC: which ids are the user's completed uploads, and links
 * for an admin to see them. Served in-process by the media module (an HTTP call after a split).
 */
export interface KycDocuments {
  /**
   * The ids among `mediaIds` that are media of `ownerId` whose upload is complete (any status
   * after `awaiting_upload`: a moderation verdict is about public display, not an identity document).
   */
  uploadedBy(ownerId: string, mediaIds: readonly string[]): Promise<Set<string>>;
  /** The documents of those ids that exist, in the order given, each with a fresh download link. */
  views(mediaIds: readonly string[]): Promise<KycDocumentView[]>;
}
export const KycDocuments = Symbol.for('KycDocuments');
