import { invalidCursor, type Page } from '../../application/shared/ports/page.js';

/** What a newest-first list orders by: (createdAt desc, id desc), the id breaking ties. */
export interface NewestFirstItem {
  id: string;
  createdAt: Date;
}

/** The key of the last item of a page: the next page starts after it. */
export interface NewestFirstKey {
  createdAt: number;
  id: string;
}

export function encodeCursor(item: NewestFirstItem): string {
  return Buffer.from(JSON.stringify({ createdAt: item.createdAt.getTime(), id: item.id })).toString('base64url');
}

export function decodeCursor(cursor: string): NewestFirstKey {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Partial<NewestFirstKey>;
    if (typeof key.createdAt === 'number' && typeof key.id === 'string')
      return { createdAt: key.createdAt, id: key.id };
  } catch {
    // fall through to the 400 below
  }
  throw invalidCursor();
}

/** `fetched` holds up to limit + 1 items after the cursor: the extra one says whether a next page exists. */
export function newestFirstPage<T extends NewestFirstItem>(fetched: T[], limit: number): Page<T> {
  return pageOf(fetched, limit, encodeCursor);
}

export function isAfter(item: NewestFirstItem, key: NewestFirstKey): boolean {
  const t = item.createdAt.getTime();
  return t < key.createdAt || (t === key.createdAt && item.id < key.id);
}

export function newestFirst(a: NewestFirstItem, b: NewestFirstItem): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * Lists ordered by a sequence, highest first (an auction's bids): the cursor is the last item's
 * sequence, since it alone orders them.
 */
export function encodeSequenceCursor(sequence: number): string {
  return Buffer.from(String(sequence)).toString('base64url');
}

export function decodeSequenceCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const sequence = Number(text);
  if (/^\d+$/.test(text) && Number.isSafeInteger(sequence)) return sequence;
  throw invalidCursor();
}

/** As newestFirstPage, for `fetched` sorted by sequence descending. */
export function sequencePage<T extends { sequence: number }>(fetched: T[], limit: number): Page<T> {
  return pageOf(fetched, limit, (last) => encodeSequenceCursor(last.sequence));
}

function pageOf<T>(fetched: T[], limit: number, cursorOf: (last: T) => string): Page<T> {
  const items = fetched.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: fetched.length > limit && last !== undefined ? cursorOf(last) : null };
}
