import type { ListingSort } from '../../../application/catalog/ports/listing-repository.js';
import { invalidCursor } from '../../../application/shared/ports/page.js';
import type { Listing } from '../../../domain/catalog/listing.js';

/** The orders listings are paged in: the search sorts, and the moderation queue's oldest update first. */
export type ListingOrder = ListingSort | 'updated_asc';

/** Where a page ended: the sort value and id of its last listing, in one order. */
export interface Keyset {
  value: number;
  id: string;
}

interface OrderSpec {
  /** 1: ascending (value, then id); -1: descending. */
  direction: 1 | -1;
  valueOf(listing: Listing): number;
}

/** Every order breaks ties by id in its own direction, so a (value, id) pair is a position. */
export const listingOrders: Record<ListingOrder, OrderSpec> = {
  newest: { direction: -1, valueOf: (listing) => listing.publishedAt?.getTime() ?? 0 },
  price_asc: { direction: 1, valueOf: (listing) => listing.price.amount },
  price_desc: { direction: -1, valueOf: (listing) => listing.price.amount },
  updated_asc: { direction: 1, valueOf: (listing) => listing.updatedAt.getTime() },
};

export function keysetOf(listing: Listing, order: ListingOrder): Keyset {
  return { value: listingOrders[order].valueOf(listing), id: listing.id };
}

/** The cursor is opaque to clients: base64url of `{ o, v, id }`, `o` naming the order it belongs to. */
export function encodeCursor(order: ListingOrder, keyset: Keyset): string {
  return Buffer.from(JSON.stringify({ o: order, v: keyset.value, id: keyset.id })).toString('base64url');
}

/** Reads a cursor of `order`; anything else (garbage, another order's cursor) is INVALID_CURSOR. */
export function decodeCursor(cursor: string, order: ListingOrder): Keyset {
  const parsed = parseJson(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!isCursorOf(parsed, order)) throw invalidCursor();
  return { value: parsed.v, id: parsed.id };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidCursor();
  }
}

function isCursorOf(value: unknown, order: ListingOrder): value is { v: number; id: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { o, v, id } = value as Record<string, unknown>;
  return o === order && typeof v === 'number' && Number.isFinite(v) && typeof id === 'string';
}
