import type { MongoServerError } from 'mongodb';

/**
 * Whether `error` is a unique-index violation (E11000), on `field` when given. MongoDB names
 * the violated key in `keyPattern`; FerretDB does not, so there any E11000 matches.
 */
export function isDuplicateKeyError(error: unknown, field?: string): error is MongoServerError {
  if (!isServerError(error) || error.code !== 11000) return false;
  const keyPattern: unknown = error.keyPattern;
  return field === undefined || !isObject(keyPattern) || field in keyPattern;
}

/**
 * An error the server answered (MongoServerError or a subclass such as MongoBulkWriteError), told by its name and
 * numeric code rather than `instanceof`: so this module does not load the driver (see mongo-connection.ts).
 */
export function isServerError(error: unknown): error is MongoServerError {
  return (
    error instanceof Error && error.name.startsWith('Mongo') && typeof (error as { code?: unknown }).code === 'number'
  );
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/**
 * Whether a write broke a unique index (on `field` where the server says). MongoDB answers
 * E11000 naming the index's fields. FerretDB answers an insert's violation with E11000 (without
 * the fields), but an update's with an InternalError (code 1) carrying PostgreSQL's
 * `duplicate key value violates unique constraint ... (SQLSTATE 23505)`: matched on that text,
 * which the contract suites check on every CI run.
 */
export function isUniqueViolation(error: unknown, field: string): boolean {
  return isDuplicateKeyError(error, field) || isFerretDbUpdateUniqueViolation(error);
}

function isFerretDbUpdateUniqueViolation(error: unknown): boolean {
  return isServerError(error) && error.code === 1 && error.message.includes('(SQLSTATE 23505)');
}
