import type { IndexedListing } from './listing-search-predicate.js';

/** Listings grouped by one key each may have several of (a word, a category, a seller). */
export class ListingSets {
  private readonly sets = new Map<string, Set<IndexedListing>>();

  add(key: string, entry: IndexedListing): void {
    const set = this.sets.get(key);
    if (set) set.add(entry);
    else this.sets.set(key, new Set([entry]));
  }

  /** Drops an emptied set, so that keys no listing uses any more cost nothing. */
  remove(key: string, entry: IndexedListing): void {
    const set = this.sets.get(key);
    set?.delete(entry);
    if (set?.size === 0) this.sets.delete(key);
  }

  get(key: string): ReadonlySet<IndexedListing> {
    return this.sets.get(key) ?? none;
  }
}

const none: ReadonlySet<IndexedListing> = new Set();
