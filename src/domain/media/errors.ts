import { DomainError } from '../shared/domain-error.js';

interface ObjectShape {
  contentType: string;
  size: number;
}

export const mediaErrors = {
  notFound: () => new DomainError('not_found', 'MEDIA_NOT_FOUND', 'media not found'),
  typeNotAllowed: (contentType: string, allowed: readonly string[]) =>
    new DomainError(
      'invalid',
      'MEDIA_TYPE_NOT_ALLOWED',
      `content type ${contentType} is not allowed; expected one of ${allowed.join(', ')}`,
      { allowed, errors: [{ field: 'contentType', message: `must be one of ${allowed.join(', ')}` }] },
    ),
  sizeInvalid: (size: number, maxBytes: number) =>
    new DomainError(
      'invalid',
      'MEDIA_SIZE_INVALID',
      `size must be a whole number of bytes between 1 and ${maxBytes}, got ${size}`,
      { maxBytes, errors: [{ field: 'size', message: `must be between 1 and ${maxBytes} bytes` }] },
    ),
  filenameInvalid: () =>
    new DomainError(
      'invalid',
      'MEDIA_FILENAME_INVALID',
      'filename must be 1 to 255 characters, without control characters',
      { errors: [{ field: 'filename', message: 'must be 1 to 255 characters, without control characters' }] },
    ),
  invalidTransition: (status: string, action: string) =>
    new DomainError('conflict', 'MEDIA_INVALID_TRANSITION', `cannot ${action} a media that is ${status}`, {
      mediaStatus: status,
    }),
  objectMissing: () => new DomainError('conflict', 'MEDIA_OBJECT_MISSING', 'nothing was uploaded for this media yet'),
  objectMismatch: (expected: ObjectShape, actual: ObjectShape) =>
    new DomainError(
      'conflict',
      'MEDIA_OBJECT_MISMATCH',
      'the uploaded object differs from the declared content type or size; upload it again',
      { expected, actual },
    ),
  concurrentUpdate: () =>
    new DomainError('conflict', 'MEDIA_CONCURRENT_UPDATE', 'the media was changed meanwhile; read it again'),
  tooManyPendingUploads: (max: number, retryAfter: number) =>
    new DomainError(
      'rate_limited',
      'RATE_LIMITED',
      `${max} uploads of yours already await their bytes; complete one, or retry in ${retryAfter} s`,
      { limit: max, retryAfter },
    ),
};
