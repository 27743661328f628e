import { DomainError } from '../../../domain/shared/domain-error.js';

/** How the embedded store refuses a request to one of its presigned URLs. */
export const embeddedStoreErrors = {
  badSignature: () =>
    new DomainError('forbidden', 'STORAGE_SIGNATURE_INVALID', 'the URL signature is missing or does not match'),
  expired: () => new DomainError('forbidden', 'STORAGE_URL_EXPIRED', 'the presigned URL has expired'),
  contentTypeMismatch: (signed: string) =>
    new DomainError('invalid', 'STORAGE_CONTENT_TYPE_MISMATCH', `this URL accepts only Content-Type ${signed}`, {
      contentType: signed,
      errors: [{ field: 'content-type', source: 'headers', message: `expected ${signed}` }],
    }),
  sizeMismatch: (signed: number) =>
    new DomainError('invalid', 'STORAGE_SIZE_MISMATCH', `this URL accepts a body of exactly ${signed} bytes`, {
      size: signed,
      errors: [{ field: 'content-length', source: 'headers', message: `expected ${signed}` }],
    }),
  noSuchObject: () => new DomainError('not_found', 'STORAGE_OBJECT_NOT_FOUND', 'no object under this key'),
};
