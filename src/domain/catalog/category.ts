import { DomainError } from '../shared/domain-error.js';
import { definitionProblems, type AttributeDefinition } from './attributes.js';

/** A node of the category tree. `ancestorIds` runs from the root to the parent: a subtree is one index hit. */
export interface Category {
  id: string;
  name: string;
  slug: string;
  parentId: string | null;
  ancestorIds: string[];
  /** Attributes defined here; listings also get those of every ancestor. */
  attributes: AttributeDefinition[];
  createdAt: Date;
  updatedAt: Date;
}

export const categoryErrors = {
  notFound: () => new DomainError('not_found', 'CATEGORY_NOT_FOUND', 'category not found'),
  parentNotFound: () =>
    new DomainError('invalid', 'CATEGORY_PARENT_NOT_FOUND', 'the parent category does not exist', {
      errors: [{ field: 'parentId', message: 'no such category' }],
    }),
  nameTaken: () =>
    new DomainError(
      'conflict',
      'CATEGORY_NAME_TAKEN',
      'a category with this name already exists under the same parent',
    ),
  cycle: () =>
    new DomainError('conflict', 'CATEGORY_CYCLE', 'a category cannot move under itself or one of its descendants'),
  hasChildren: () => new DomainError('conflict', 'CATEGORY_HAS_CHILDREN', 'the category has sub-categories'),
  hasListings: () => new DomainError('conflict', 'CATEGORY_HAS_LISTINGS', 'the category has listings'),
  redefined: (keys: string[]) =>
    new DomainError(
      'conflict',
      'CATEGORY_ATTRIBUTE_REDEFINED',
      `attribute already defined by an ancestor or descendant: ${keys.join(', ')}`,
      { keys },
    ),
};

/** The attributes a listing of `category` must satisfy: the ancestors' (root first), then its own. */
export function effectiveAttributes(category: Category, ancestors: Category[]): AttributeDefinition[] {
  const byId = new Map(ancestors.map((a) => [a.id, a]));
  const inherited = category.ancestorIds.flatMap((id) => byId.get(id)?.attributes ?? []);
  return [...inherited, ...category.attributes];
}

/** Own definitions must be well-formed, unique, and must not redefine an inherited key. */
export function assertAttributeDefinitions(own: AttributeDefinition[], inheritedKeys: Iterable<string>): void {
  const problems = own.flatMap((d, i) =>
    definitionProblems(d).map((message) => ({ field: `attributes.${i}`, message })),
  );
  const seen = new Set<string>();
  own.forEach((d, i) => {
    if (seen.has(d.key)) problems.push({ field: `attributes.${i}.key`, message: `duplicate key ${d.key}` });
    seen.add(d.key);
  });
  if (problems.length > 0) {
    throw new DomainError('invalid', 'CATEGORY_ATTRIBUTES_INVALID', 'invalid attribute definitions', {
      errors: problems,
    });
  }
  const inherited = new Set(inheritedKeys);
  const clashes = own.map((d) => d.key).filter((key) => inherited.has(key));
  if (clashes.length > 0) throw categoryErrors.redefined(clashes);
}

/** Moving `category` under `newParent` must not make it its own ancestor. */
export function assertMovable(category: Category, newParent: Category | null): void {
  if (newParent && (newParent.id === category.id || newParent.ancestorIds.includes(category.id)))
    throw categoryErrors.cycle();
}

export function ancestorIdsUnder(parent: Category | null): string[] {
  return parent ? [...parent.ancestorIds, parent.id] : [];
}
