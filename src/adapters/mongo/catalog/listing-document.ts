import type { Listing } from '../../../domain/catalog/listing.js';
import { searchTokens } from '../../../domain/shared/text.js';
import { copyListing } from '../../shared/catalog/copies.js';

/**
 * A listing as stored: `_id` = id, plus `searchTokens`, the folded distinct words of its title
 * and description (multikey index; FerretDB has no $text, so a text search asks for every query
 * word among them).
 * Attributes sit under `attributes.<key>` (keys are `attributeKeyPattern`: letters, digits and _, never `.` or `$`).
 */
export type ListingDocument = Omit<Listing, 'id'> & { _id: string; searchTokens: string[] };

export function toDocument(listing: Listing): ListingDocument {
  const { id, ...rest } = copyListing(listing);
  return { _id: id, ...rest, searchTokens: searchTokens(`${listing.title} ${listing.description}`) };
}

/** Maps field by field: neither `_id` nor `searchTokens` leaks into the listing. */
export function toListing(document: ListingDocument): Listing {
  const { _id, searchTokens: _tokens, ...rest } = document;
  return copyListing({ id: _id, ...rest });
}
