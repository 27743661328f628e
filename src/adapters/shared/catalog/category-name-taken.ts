import { DomainError } from '../../../domain/shared/domain-error.js';

/** What both category repositories throw when a sibling already has the slug (the domain has no such error yet). */
export function categoryNameTaken(): DomainError {
  return new DomainError('conflict', 'CATEGORY_NAME_TAKEN', 'a category with this name already exists under the same parent');
}
