import { describe, expect, it } from 'vitest';
import { indexListing, type IndexedListing } from '../../../../src/adapters/memory/catalog/listing-search-predicate.js';
import { SortedListings } from '../../../../src/adapters/memory/catalog/sorted-listings.js';
import { fixtureListings } from '../../../contract/catalog/catalog-fixture.js';

const [template] = fixtureListings(1);
const entry = (id: string, amount: number): IndexedListing =>
  indexListing({ ...template!, id, price: { amount, currency: 'EUR' } });

/** Prices with ties, added in no particular order. */
const entries = [entry('d', 300), entry('a', 100), entry('c', 200), entry('b', 200), entry('e', 300), entry('f', 400)];

function sorted(): SortedListings {
  const list = new SortedListings(({ listing }) => listing.price.amount);
  for (const one of entries) list.add(one);
  return list;
}

const ids = (walk: Iterable<IndexedListing>): string[] => [...walk].map(({ listing }) => listing.id);

describe('SortedListings', () => {
  it('walks by value then id, ascending or descending', () => {
    expect(ids(sorted().walk(1, undefined, {}))).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(ids(sorted().walk(-1, undefined, {}))).toEqual(['f', 'e', 'd', 'c', 'b', 'a']);
  });

  it('starts strictly after a position, whether or not a listing is still there', () => {
    expect(ids(sorted().walk(1, { value: 200, id: 'b' }, {}))).toEqual(['c', 'd', 'e', 'f']);
    expect(ids(sorted().walk(-1, { value: 300, id: 'e' }, {}))).toEqual(['d', 'c', 'b', 'a']);
    expect(ids(sorted().walk(1, { value: 250, id: 'gone' }, {}))).toEqual(['d', 'e', 'f']);
    expect(ids(sorted().walk(-1, { value: 200, id: 'bb' }, {}))).toEqual(['b', 'a']);
    expect(ids(sorted().walk(1, { value: 400, id: 'f' }, {}))).toEqual([]);
  });

  it('keeps to value bounds, both included, combined with a position', () => {
    expect(ids(sorted().walk(1, undefined, { min: 200, max: 300 }))).toEqual(['b', 'c', 'd', 'e']);
    expect(ids(sorted().walk(-1, undefined, { min: 150, max: 350 }))).toEqual(['e', 'd', 'c', 'b']);
    expect(ids(sorted().walk(1, { value: 100, id: 'a' }, { max: 200 }))).toEqual(['b', 'c']);
    expect(ids(sorted().walk(-1, { value: 400, id: 'f' }, { min: 300 }))).toEqual(['e', 'd']);
    expect(ids(sorted().walk(1, undefined, { min: 500 }))).toEqual([]);
  });

  it('removes the very entry given, and nothing when it is not stored', () => {
    const list = sorted();
    list.remove(entries[3]!);
    list.remove(entry('c', 200));
    list.remove(entry('z', 200));
    expect(ids(list.walk(1, undefined, {}))).toEqual(['a', 'c', 'd', 'e', 'f']);
  });
});
