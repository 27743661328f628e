import { describe, expect, it } from 'vitest';
import { ListingSearchIndex } from '../../../../src/adapters/memory/catalog/listing-search-index.js';
import { indexListing } from '../../../../src/adapters/memory/catalog/listing-search-predicate.js';
import type { ListingSearchQuery } from '../../../../src/application/catalog/ports/listing-repository.js';
import type { Listing } from '../../../../src/domain/catalog/listing.js';
import { fixtureListings } from '../../../contract/catalog/catalog-fixture.js';

const [template] = fixtureListings(1);

/** 300 published listings, one in a hundred in the rare category, prices descending with the index. */
function listing(index: number): Listing {
  return {
    ...template!,
    id: `lst-${String(index).padStart(3, '0')}`,
    status: 'published',
    title: index % 100 === 0 ? 'Rare gramophone' : 'Vélo',
    categoryId: index % 100 === 0 ? 'cat-rare' : 'cat-common',
    price: { amount: 1_000 - index, currency: 'EUR' },
    publishedAt: new Date(Date.UTC(2026, 0, 1, 0, index)),
  };
}

function filled(entries = Array.from({ length: 300 }, (_, i) => indexListing(listing(i)))): ListingSearchIndex {
  const index = new ListingSearchIndex();
  for (const entry of entries) index.add(entry);
  return index;
}

const ids = (index: ListingSearchIndex, query: Partial<ListingSearchQuery>, count = 10): string[] =>
  index.find({ sort: 'price_asc', limit: count, ...query }, undefined, count).map(({ listing: l }) => l.id);

describe('ListingSearchIndex', () => {
  it('a common filter: the first matches along the order', () => {
    expect(ids(filled(), { text: 'velo' }, 3)).toEqual(['lst-299', 'lst-298', 'lst-297']);
  });

  it('a rare filter: every match of the small set, sorted, however far apart along the order', () => {
    expect(ids(filled(), { text: 'gramophone' })).toEqual(['lst-200', 'lst-100', 'lst-000']);
    expect(ids(filled(), { categoryIds: ['cat-rare'], sort: 'newest' })).toEqual(['lst-200', 'lst-100', 'lst-000']);
  });

  it('a category named twice still gives each listing once', () => {
    expect(ids(filled(), { categoryIds: ['cat-rare', 'cat-rare'] })).toEqual(['lst-200', 'lst-100', 'lst-000']);
  });

  it('a word no listing has, or an empty category list, finds nothing', () => {
    expect(ids(filled(), { text: 'xylophone' })).toEqual([]);
    expect(ids(filled(), { categoryIds: [] })).toEqual([]);
  });

  it('indexes published listings only, and forgets a removed entry everywhere', () => {
    const entries = Array.from({ length: 300 }, (_, i) => indexListing(listing(i)));
    const index = filled(entries);
    index.add(indexListing({ ...listing(300), title: 'gramophone', status: 'draft' }));
    index.remove(entries[100]!);
    expect(ids(index, { text: 'gramophone' })).toEqual(['lst-200', 'lst-000']);
    expect(ids(index, { categoryIds: ['cat-rare'], sort: 'newest' })).toEqual(['lst-200', 'lst-000']);
    expect(ids(index, { minPrice: 900 }, 300)).toHaveLength(100);
    expect(ids(index, { sellerId: template!.sellerId }, 300)).toHaveLength(299);
  });
});
