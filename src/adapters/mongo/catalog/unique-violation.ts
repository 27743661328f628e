import { MongoServerError } from 'mongodb';
import { isDuplicateKeyError } from '../shared/errors.js';

/**
 * Whether a write broke a unique index other than `_id`'s. MongoDB answers E11000 naming the
 * index's fields (`field` must be one of them). FerretDB answers an insert's violation with
 * E11000 too (without the fields), but an update's with an InternalError (code 1) carrying
 * PostgreSQL's `duplicate key value violates unique constraint ... (SQLSTATE 23505)`: matched
 * on that text, which the contract suite checks on every run.
 */
export function isUniqueViolation(error: unknown, field: string): boolean {
  return isDuplicateKeyError(error, field) || isFerretDbUpdateUniqueViolation(error);
}

function isFerretDbUpdateUniqueViolation(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 1 && error.message.includes('(SQLSTATE 23505)');
}
