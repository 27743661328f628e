import type { Page, PageRequest } from '../../application/shared/ports/page.js';
import type { Reply } from './api-router.js';

/** A list's query split into its page (`limit`, `cursor`) and its filters (the other fields). */
export function pageAndFilter<Q extends PageRequest>(
  query: Q,
): { page: PageRequest; filter: Omit<Q, 'limit' | 'cursor'> } {
  const { limit, cursor, ...filter } = query;
  return { page: { limit, cursor }, filter };
}

/** The 200 answer of a list: `{ items, nextCursor }`, each item presented. */
export function listReply<T>(page: Page<T>, present: (item: T) => unknown): Reply {
  return { status: 200, body: { items: page.items.map((item) => present(item)), nextCursor: page.nextCursor } };
}
