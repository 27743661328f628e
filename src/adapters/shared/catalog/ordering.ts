import type { Category } from '../../../domain/catalog/category.js';
import { foldText } from '../../../domain/shared/text.js';

/** The order of `listAll` and `findDescendants`: by depth, then name (accents and case ignored), then id. */
export function compareCategories(a: Category, b: Category): number {
  return (
    a.ancestorIds.length - b.ancestorIds.length ||
    compareStrings(foldText(a.name), foldText(b.name)) ||
    compareStrings(a.name, b.name) ||
    compareStrings(a.id, b.id)
  );
}

/** Plain code-unit order, like MongoDB's default (binary) order of such strings. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
