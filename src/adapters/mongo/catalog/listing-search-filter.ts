import type { Filter } from 'mongodb';
import type { AttributeFilter, ListingSearchQuery } from '../../../application/catalog/ports/listing-repository.js';
import { searchTokens } from '../../../domain/shared/text.js';
import type { ListingDocument } from './listing-document.js';

type ListingFilter = Filter<ListingDocument>;

/** The only attribute keys a listing can hold; a filter on any other key matches nothing. */
const attributeKey = /^[a-z][a-z0-9_]*$/;
const matchesNothing: ListingFilter = { _id: { $in: [] } };

/**
 * The filter of a search. Plain equalities sit at the top level: FerretDB pushes only those down
 * to PostgreSQL (it filters everything else itself, document by document), and on an array an
 * equality means "contains", so the first word is `searchTokens: word` and the others an `$all`
 * (together the same as `$all` of every word, which MongoDB serves from the same multikey index).
 * Conditions that may repeat a key (attributes) go under `$and`.
 */
export function searchFilter(query: ListingSearchQuery): { filter: ListingFilter; and: ListingFilter[] } {
  const [firstWord, ...otherWords] = searchTokens(query.text ?? '');
  const filter: ListingFilter = {
    status: 'published',
    ...(firstWord !== undefined && { searchTokens: firstWord }),
    ...(query.categoryIds && { categoryId: oneOf(query.categoryIds) }),
    ...(query.sellerId !== undefined && { sellerId: query.sellerId }),
    ...priceFilter(query.minPrice, query.maxPrice),
  };
  const words: ListingFilter[] = otherWords.length > 0 ? [{ searchTokens: { $all: otherWords } }] : [];
  return { filter, and: [...words, ...(query.attributes ?? []).map(attributeCondition)] };
}

/** A lone value as a plain equality, which FerretDB pushes down (a leaf category's subtree is itself). */
function oneOf(values: string[]): string | { $in: string[] } {
  return values.length === 1 && values[0] !== undefined ? values[0] : { $in: values };
}

function priceFilter(min: number | undefined, max: number | undefined): ListingFilter {
  if (min === undefined && max === undefined) return {};
  return { 'price.amount': { ...(min !== undefined && { $gte: min }), ...(max !== undefined && { $lte: max }) } };
}

/** Equality: any of the values (types kept: `true` is not `'true'`). Range: a number within the bounds. */
function attributeCondition(attribute: AttributeFilter): ListingFilter {
  if (!attributeKey.test(attribute.key)) return matchesNothing;
  const path = `attributes.${attribute.key}`;
  if ('anyOf' in attribute) return { [path]: { $in: attribute.anyOf } };
  const { min, max } = attribute;
  return {
    [path]: { $type: 'number', ...(min !== undefined && { $gte: min }), ...(max !== undefined && { $lte: max }) },
  };
}
