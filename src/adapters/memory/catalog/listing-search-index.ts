import type { ListingSearchQuery } from '../../../application/catalog/ports/listing-repository.js';
import { searchTokens } from '../../../domain/shared/text.js';
import { listingOrders, type Keyset } from '../../shared/catalog/listing-keyset.js';
import { compareToKeyset, listingComparator } from './keyset-compare.js';
import { ListingSets } from './listing-sets.js';
import { searchPredicate, type IndexedListing } from './listing-search-predicate.js';
import { SortedListings } from './sorted-listings.js';

/** Listings a search can only be answered from: their number, and a way to go through them. */
interface Candidates {
  size: number;
  entries(): Iterable<IndexedListing>;
}

/**
 * The published listings (the only ones search answers), indexed by word, category and seller
 * and kept in publication and price order, so that a page costs about the same at any size.
 *
 * A page is found by walking the query's order from the cursor and keeping the listings that
 * match, up to the page size: cheap when matches are common. When they are rare the walk would
 * go far, so it gives up after as many steps as the smallest indexed set the query restricts to
 * (its words, its categories, its seller) has members, and that set is filtered and sorted
 * instead: either way a page costs at most about twice the cheaper of the two plans.
 */
export class ListingSearchIndex {
  private readonly byWord = new ListingSets();
  private readonly byCategory = new ListingSets();
  private readonly bySeller = new ListingSets();
  private readonly newestLast = new SortedListings(({ listing }) => listingOrders.newest.valueOf(listing));
  private readonly cheapestFirst = new SortedListings(({ listing }) => listing.price.amount);

  add(entry: IndexedListing): void {
    this.update(entry, 'add');
  }

  remove(entry: IndexedListing): void {
    this.update(entry, 'remove');
  }

  /** Up to `count` listings that answer the query, in its order, strictly after `after`. */
  find(query: ListingSearchQuery, after: Keyset | undefined, count: number): IndexedListing[] {
    const matches = searchPredicate(query);
    const candidates = this.smallestCandidates(query);
    if (candidates === undefined) return this.walk(query, after, count, matches, Infinity) ?? [];
    if (candidates.size === 0) return [];
    return (
      this.walk(query, after, count, matches, candidates.size) ??
      sortedCandidates(query, after, count, matches, candidates)
    );
  }

  private update(entry: IndexedListing, change: 'add' | 'remove'): void {
    const { listing } = entry;
    if (listing.status !== 'published') return;
    for (const word of entry.tokens) this.byWord[change](word, entry);
    this.byCategory[change](listing.categoryId, entry);
    this.bySeller[change](listing.sellerId, entry);
    this.newestLast[change](entry);
    this.cheapestFirst[change](entry);
  }

  /** The page from walking the order, or undefined when it took more than `budget` steps. */
  private walk(
    query: ListingSearchQuery,
    after: Keyset | undefined,
    count: number,
    matches: (entry: IndexedListing) => boolean,
    budget: number,
  ): IndexedListing[] | undefined {
    const byNewest = query.sort === 'newest';
    const order = byNewest ? this.newestLast : this.cheapestFirst;
    const bounds = byNewest ? {} : { min: query.minPrice, max: query.maxPrice };
    const found: IndexedListing[] = [];
    let steps = 0;
    for (const entry of order.walk(listingOrders[query.sort].direction, after, bounds)) {
      if (found.length === count) return found;
      if (steps++ === budget) return undefined;
      if (matches(entry)) found.push(entry);
    }
    return found;
  }

  private smallestCandidates(query: ListingSearchQuery): Candidates | undefined {
    const options = [
      ...searchTokens(query.text ?? '').map((word) => ofSet(this.byWord.get(word))),
      ...(query.sellerId === undefined ? [] : [ofSet(this.bySeller.get(query.sellerId))]),
      ...(query.categoryIds === undefined ? [] : [this.inCategories(query.categoryIds)]),
    ];
    return options.reduce<Candidates | undefined>(
      (best, option) => (best && best.size <= option.size ? best : option),
      undefined,
    );
  }

  /** The listings of any of these categories (the caller expanded the subtree), each once. */
  private inCategories(categoryIds: string[]): Candidates {
    const sets = [...new Set(categoryIds)].map((id) => this.byCategory.get(id));
    return { size: sets.reduce((sum, set) => sum + set.size, 0), entries: () => union(sets) };
  }
}

function ofSet(set: ReadonlySet<IndexedListing>): Candidates {
  return { size: set.size, entries: () => set };
}

function* union(sets: ReadonlySet<IndexedListing>[]): Generator<IndexedListing> {
  for (const set of sets) yield* set;
}

function sortedCandidates(
  query: ListingSearchQuery,
  after: Keyset | undefined,
  count: number,
  matches: (entry: IndexedListing) => boolean,
  candidates: Candidates,
): IndexedListing[] {
  const found: IndexedListing[] = [];
  for (const entry of candidates.entries())
    if (matches(entry) && (after === undefined || compareToKeyset(entry.listing, after, query.sort) > 0))
      found.push(entry);
  const compare = listingComparator(query.sort);
  return found.sort((a, b) => compare(a.listing, b.listing)).slice(0, count);
}
