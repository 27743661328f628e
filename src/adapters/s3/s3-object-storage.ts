import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type {
  ObjectStorage,
  PresignedUpload,
  PresignPutRequest,
} from '../../application/media/ports/object-storage.js';
import type { Clock } from '../../application/shared/ports/clock.js';
import type { StoredObject } from '../../domain/media/media.js';

export interface S3Settings {
  bucket: string;
  region: string;
  /** A custom endpoint (MinIO, s3rver...); AWS otherwise. */
  endpoint?: string;
  /** Without keys the SDK's default chain applies (environment, instance role...). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `bucket` in the path rather than the host name: needed by MinIO and s3rver. */
  forcePathStyle: boolean;
}

/** Headers an upload URL is signed with: another Content-Type or body length breaks the signature. */
const signedUploadHeaders = new Set(['content-type', 'content-length']);

function isNotFound(error: unknown): boolean {
  const failure = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return failure.name === 'NotFound' || failure.$metadata?.httpStatusCode === 404;
}

/**
 * ObjectStorage on S3 or any S3-compatible store. Checksums only when required: otherwise the
 * SDK would sign a checksum of an empty body into presigned PUT URLs.
 */
export class S3ObjectStorage implements ObjectStorage {
  private readonly client: S3Client;

  constructor(
    private readonly settings: S3Settings,
    private readonly clock: Clock,
  ) {
    const { region, endpoint, forcePathStyle, accessKeyId, secretAccessKey } = settings;
    this.client = new S3Client({
      region,
      endpoint,
      forcePathStyle,
      credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async presignPut(request: PresignPutRequest): Promise<PresignedUpload> {
    const signingDate = this.clock.now();
    const command = new PutObjectCommand({
      Bucket: this.settings.bucket,
      Key: request.key,
      ContentType: request.contentType,
      ContentLength: request.size,
    });
    const url = await getSignedUrl(this.client, command, {
      expiresIn: request.expiresInSeconds,
      signingDate,
      signableHeaders: signedUploadHeaders,
    });
    return {
      url,
      method: 'PUT',
      headers: { 'Content-Type': request.contentType },
      expiresAt: new Date(signingDate.getTime() + request.expiresInSeconds * 1000),
    };
  }

  async head(key: string): Promise<StoredObject | null> {
    try {
      const object = await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return { contentType: object.ContentType ?? 'application/octet-stream', size: object.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async presignGet(key: string, expiresInSeconds: number): Promise<string> {
    const command = new GetObjectCommand({ Bucket: this.settings.bucket, Key: key });
    return getSignedUrl(this.client, command, { expiresIn: expiresInSeconds, signingDate: this.clock.now() });
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key }));
  }

  /** For /readyz: the bucket exists and the credentials may reach it. */
  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.settings.bucket }));
  }

  close(): void {
    this.client.destroy();
  }
}
