import type {
  ObjectStorage,
  PresignedUpload,
  PresignPutRequest,
} from '../../../application/media/ports/object-storage.js';
import type { Clock } from '../../../application/shared/ports/clock.js';
import type { StoredObject } from '../../../domain/media/media.js';
import { embeddedStoreErrors } from './embedded-store-errors.js';
import { UrlSigner } from './url-signer.js';

/** The path under which the app serves the embedded store's presigned URLs. */
export const EMBEDDED_STORE_PATH = '/media-store';

export interface EmbeddedObjectStorageOptions {
  /** Absolute base of the URLs handed to clients (PUBLIC_BASE_URL). */
  baseUrl: string;
  /** HMAC key of the URL signatures. */
  signingKey: Buffer;
  /** The largest body the store's upload route reads (MEDIA_MAX_BYTES). */
  maxBytes: number;
}

/** A request to a presigned URL, as the HTTP route received it. */
export interface IncomingRequest {
  key: string;
  query: Record<string, unknown>;
}

export interface IncomingPut extends IncomingRequest {
  contentType: string | undefined;
  /** The Content-Length header, when the client sent one. */
  contentLength: number | undefined;
}

/** A PUT whose signature has been checked: what it may store. */
export interface AuthorizedPut {
  key: string;
  contentType: string;
  size: number;
}

export interface StoredBytes {
  contentType: string;
  bytes: Buffer;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * ObjectStorage of the embedded default: bytes in process memory, served by the app itself at
 * EMBEDDED_STORE_PATH. Its URLs work like S3's presigned ones: an HMAC-SHA256 signature over the
 * method, key, expiry and, for uploads, the content type and exact size; a client PUTs the bytes
 * with the given headers and GETs them back, and the app never sees a token.
 */
export class EmbeddedObjectStorage implements ObjectStorage {
  private readonly objects = new Map<string, StoredBytes>();
  private readonly signer: UrlSigner;

  constructor(
    private readonly options: EmbeddedObjectStorageOptions,
    private readonly clock: Clock,
  ) {
    this.signer = new UrlSigner(options.signingKey);
  }

  get maxBytes(): number {
    return this.options.maxBytes;
  }

  async presignPut(request: PresignPutRequest): Promise<PresignedUpload> {
    const expires = this.expiry(request.expiresInSeconds);
    const size = String(request.size);
    const signature = this.signer.sign(['PUT', request.key, request.contentType, size, expires]);
    return {
      url: this.url(request.key, { contentType: request.contentType, size, expires, signature }),
      method: 'PUT',
      headers: { 'Content-Type': request.contentType },
      expiresAt: new Date(Number(expires) * 1000),
    };
  }

  async head(key: string): Promise<StoredObject | null> {
    const stored = this.objects.get(key);
    return stored ? { contentType: stored.contentType, size: stored.bytes.length } : null;
  }

  async presignGet(key: string, expiresInSeconds: number): Promise<string> {
    const expires = this.expiry(expiresInSeconds);
    return this.url(key, { expires, signature: this.signer.sign(['GET', key, expires]) });
  }

  async delete(key: string): Promise<void> {
    this.objects.delete(key);
  }

  /**
   * Checks an upload before its body is read: signature (403), expiry (403), Content-Type and announced length (400).
   */
  authorizePut(request: IncomingPut): AuthorizedPut {
    const { contentType, size, expires, signature } = request.query;
    this.verify(['PUT', request.key, text(contentType), text(size), text(expires)], text(signature), text(expires));
    const signed = { key: request.key, contentType: text(contentType), size: Number(size) };
    if (request.contentType?.toLowerCase() !== signed.contentType)
      throw embeddedStoreErrors.contentTypeMismatch(signed.contentType);
    if (request.contentLength !== undefined && request.contentLength !== signed.size)
      throw embeddedStoreErrors.sizeMismatch(signed.size);
    return signed;
  }

  /** Stores the body of an authorized upload; it must be exactly the signed size. */
  put(upload: AuthorizedPut, body: Buffer): void {
    if (body.length !== upload.size) throw embeddedStoreErrors.sizeMismatch(upload.size);
    this.objects.set(upload.key, { contentType: upload.contentType, bytes: Buffer.from(body) });
  }

  /** The object behind a presigned GET: 403 for a bad or expired signature, 404 when it is gone. */
  read(request: IncomingRequest): StoredBytes {
    const { expires, signature } = request.query;
    this.verify(['GET', request.key, text(expires)], text(signature), text(expires));
    const stored = this.objects.get(request.key);
    if (!stored) throw embeddedStoreErrors.noSuchObject();
    return stored;
  }

  private verify(fields: string[], signature: string, expires: string): void {
    if (!this.signer.verify(fields, signature)) throw embeddedStoreErrors.badSignature();
    if (this.clock.now().getTime() > Number(expires) * 1000) throw embeddedStoreErrors.expired();
  }

  /** Unix seconds, as S3 counts them. */
  private expiry(expiresInSeconds: number): string {
    return String(Math.floor(this.clock.now().getTime() / 1000) + expiresInSeconds);
  }

  private url(key: string, query: Record<string, string>): string {
    const path = key.split('/').map(encodeURIComponent).join('/');
    return `${this.options.baseUrl}${EMBEDDED_STORE_PATH}/${path}?${new URLSearchParams(query).toString()}`;
  }
}
