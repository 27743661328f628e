import type { S3Client } from '@aws-sdk/client-s3';
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

/** ObjectStorage on S3 or any S3-compatible store. */
export class S3ObjectStorage implements ObjectStorage {
  private connection: Promise<S3Connection> | undefined;
  private closed = false;

  constructor(
    private readonly settings: S3Settings,
    private readonly clock: Clock,
  ) {}

  async presignPut(request: PresignPutRequest): Promise<PresignedUpload> {
    const { sdk, client, getSignedUrl } = await this.connect();
    const signingDate = this.clock.now();
    const command = new sdk.PutObjectCommand({
      Bucket: this.settings.bucket,
      Key: request.key,
      ContentType: request.contentType,
      ContentLength: request.size,
    });
    const url = await getSignedUrl(client, command, {
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
    const { sdk, client } = await this.connect();
    try {
      const object = await client.send(new sdk.HeadObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return { contentType: object.ContentType ?? 'application/octet-stream', size: object.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async presignGet(key: string, expiresInSeconds: number): Promise<string> {
    const { sdk, client, getSignedUrl } = await this.connect();
    const command = new sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: key });
    return getSignedUrl(client, command, { expiresIn: expiresInSeconds, signingDate: this.clock.now() });
  }

  async delete(key: string): Promise<void> {
    const { sdk, client } = await this.connect();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key }));
  }

  /** For /readyz: the bucket exists and the credentials may reach it. */
  async ping(): Promise<void> {
    const { sdk, client } = await this.connect();
    await client.send(new sdk.HeadBucketCommand({ Bucket: this.settings.bucket }));
  }

  close(): void {
    this.closed = true;
    void this.connection?.then(({ client }) => client.destroy());
  }

  /** The SDK and its client, loaded on first use: a process without S3_BUCKET never loads the AWS SDK. */
  private connect(): Promise<S3Connection> {
    if (this.closed) return Promise.reject(new Error('the S3 object storage is closed'));
    return (this.connection ??= s3Connection(this.settings));
  }
}

interface S3Connection {
  sdk: typeof import('@aws-sdk/client-s3');
  client: S3Client;
  getSignedUrl: typeof import('@aws-sdk/s3-request-presigner').getSignedUrl;
}

/** Checksums only when required: otherwise the SDK would sign a checksum of an empty body into presigned PUT URLs. */
async function s3Connection(settings: S3Settings): Promise<S3Connection> {
  const [sdk, { getSignedUrl }] = await Promise.all([
    import('@aws-sdk/client-s3'),
    import('@aws-sdk/s3-request-presigner'),
  ]);
  const { region, endpoint, forcePathStyle, accessKeyId, secretAccessKey } = settings;
  const client = new sdk.S3Client({
    region,
    endpoint,
    forcePathStyle,
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return { sdk, client, getSignedUrl };
}
