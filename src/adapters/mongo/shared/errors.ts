import { MongoServerError } from 'mongodb';

/**
 * Whether `error` is a unique-index violation (E11000), on `field` when given. MongoDB names
 * the violated key in `keyPattern`; FerretDB does not, so there any E11000 matches.
 */
export function isDuplicateKeyError(error: unknown, field?: string): error is MongoServerError {
  if (!(error instanceof MongoServerError) || error.code !== 11000) return false;
  const keyPattern: unknown = error.keyPattern;
  return field === undefined || !isObject(keyPattern) || field in keyPattern;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
