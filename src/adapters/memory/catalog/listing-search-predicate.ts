import type { AttributeFilter, ListingSearchQuery } from '../../../application/catalog/ports/listing-repository.js';
import type { AttributeValue } from '../../../domain/catalog/attributes.js';
import type { Listing } from '../../../domain/catalog/listing.js';
import { searchTokens } from '../../../domain/shared/text.js';

/** A stored listing with the folded words of its title and description, computed once. */
export interface IndexedListing {
  listing: Listing;
  tokens: Set<string>;
}

export function indexListing(listing: Listing): IndexedListing {
  return { listing, tokens: new Set(searchTokens(`${listing.title} ${listing.description}`)) };
}

/**
 * Whether a listing answers a search: published, every word of the text (none when it has no
 * word at all), and every other filter given.
 */
export function searchPredicate(query: ListingSearchQuery): (entry: IndexedListing) => boolean {
  const words = searchTokens(query.text ?? '');
  return ({ listing, tokens }) =>
    listing.status === 'published' &&
    words.every((word) => tokens.has(word)) &&
    (query.categoryIds === undefined || query.categoryIds.includes(listing.categoryId)) &&
    (query.minPrice === undefined || listing.price.amount >= query.minPrice) &&
    (query.maxPrice === undefined || listing.price.amount <= query.maxPrice) &&
    (query.sellerId === undefined || listing.sellerId === query.sellerId) &&
    (query.attributes ?? []).every((filter) => attributeMatches(listing.attributes, filter));
}

function attributeMatches(attributes: Record<string, AttributeValue>, filter: AttributeFilter): boolean {
  const value = Object.hasOwn(attributes, filter.key) ? attributes[filter.key] : undefined;
  if ('anyOf' in filter) return value !== undefined && filter.anyOf.includes(value);
  if (typeof value !== 'number') return false;
  return (filter.min === undefined || value >= filter.min) && (filter.max === undefined || value <= filter.max);
}
