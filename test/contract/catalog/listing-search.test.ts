import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryListingRepository } from '../../../src/adapters/memory/catalog/memory-listing-repository.js';
import { MongoListingRepository } from '../../../src/adapters/mongo/catalog/mongo-listing-repository.js';
import { MongoOutboxStore } from '../../../src/adapters/mongo/shared/mongo-outbox.js';
import { MemoryOutbox } from '../../../src/adapters/memory/shared/memory-outbox.js';
import type {
  ListingRepository,
  ListingSearchQuery,
  ListingSort,
} from '../../../src/application/catalog/ports/listing-repository.js';
import type { Listing } from '../../../src/domain/catalog/listing.js';
import { searchTokens } from '../../../src/domain/shared/text.js';
import { useMongoDatabase } from '../../support/mongo.js';
import { describeWithService } from '../../support/real-services.js';
import {
  categoryId,
  fixtureCategories,
  fixtureListings,
  seededRandom,
  sellerIds,
  subtreeIds,
} from './catalog-fixture.js';

/*
 * One seeded catalog of 240 listings, searched with every filter and order: the memory adapter
 * must answer what a brute-force filter and sort of the fixture answers, and MongoDB exactly what
 * the memory adapter answers, page after page (limit 7, so most results span several pages).
 */
const listings = fixtureListings(240);
const categories = fixtureCategories();
const published = new Set(listings.filter((l) => l.status === 'published').map((l) => l.id));
const under = (name: string): string[] => subtreeIds(categories, categoryId(name));
const pageSize = 7;

interface NamedQuery {
  name: string;
  query: ListingSearchQuery;
  /** The few queries built to find nothing; every other one must find something. */
  empty?: true;
}

const q = (name: string, fields: Partial<ListingSearchQuery>, sort: ListingSort = 'newest'): NamedQuery => ({
  name,
  query: { sort, limit: pageSize, ...fields },
});
const none = (name: string, fields: Partial<ListingSearchQuery>): NamedQuery => ({ ...q(name, fields), empty: true });

const queries: NamedQuery[] = [
  q('everything, newest', {}),
  q('everything, price ascending', {}, 'price_asc'),
  q('everything, price descending', {}, 'price_desc'),
  q('one word with an accent: vélo', { text: 'vélo' }),
  q('the same word in capitals without accent: VELO', { text: 'VELO' }, 'price_asc'),
  q('café, found as cafe and Café', { text: 'café' }),
  q('Cafe, price descending', { text: 'Cafe' }, 'price_desc'),
  q('two words, both required: vélo électrique', { text: 'vélo électrique' }),
  q('two words in another order and case: ELECTRIQUE Velo', { text: 'ELECTRIQUE Velo' }, 'price_asc'),
  q('electrique, price ascending', { text: 'electrique' }, 'price_asc'),
  q('words around punctuation: pièce d’origine', { text: "pièce d'origine" }),
  q('text without any word matches as no text', { text: ' -- ' }),
  none('a word nobody uses', { text: 'xylophone' }),
  none('a plural is another word: vélos', { text: 'vélos' }),
  q('category subtree of a root: Véhicules', { categoryIds: under('Véhicules') }),
  q('category subtree of a middle level: Vélos, price descending', { categoryIds: under('Vélos') }, 'price_desc'),
  q('a leaf category: VTT', { categoryIds: under('VTT') }, 'price_asc'),
  none('an empty category list', { categoryIds: [] }),
  q('minimum price', { minPrice: 15_000 }),
  q('maximum price, ascending', { maxPrice: 4_999 }, 'price_asc'),
  q('price range, descending', { minPrice: 2_500, maxPrice: 25_000 }, 'price_desc'),
  none('a minimum above the maximum', { minPrice: 10_000, maxPrice: 9_000 }),
  q('enum attribute: neuf', { attributes: [{ key: 'condition', anyOf: ['neuf'] }] }),
  q(
    'enum attribute, any of two with an accent',
    { attributes: [{ key: 'condition', anyOf: ['neuf', 'usé'] }] },
    'price_asc',
  ),
  q('boolean attribute: electric', { attributes: [{ key: 'electric', anyOf: [true] }] }),
  none('a boolean asked as the string "true"', { attributes: [{ key: 'electric', anyOf: ['true'] }] }),
  q('string attribute, any of two', { attributes: [{ key: 'brand', anyOf: ['Bosch', 'Décathlon'] }] }, 'price_desc'),
  q('numeric range with decimals: weight 5 to 15.5 kg', { attributes: [{ key: 'weight_kg', min: 5, max: 15.5 }] }),
  q('numeric minimum: year from 2020', { attributes: [{ key: 'year', min: 2020 }] }, 'price_asc'),
  q('numeric maximum: year up to 2012', { attributes: [{ key: 'year', max: 2012 }] }),
  q('a range without bounds: any numeric year', { attributes: [{ key: 'year' }] }, 'price_desc'),
  q('two filters on one key', {
    attributes: [
      { key: 'year', min: 2010 },
      { key: 'year', max: 2015 },
    ],
  }),
  q('numeric equality', { attributes: [{ key: 'year', anyOf: [2020, 2021] }] }),
  none('a key no listing has', { attributes: [{ key: 'colour', anyOf: ['rouge'] }] }),
  none('a key that is no attribute key at all', { attributes: [{ key: 'price.amount', min: 0 }] }),
  q('one seller', { sellerId: 'seller-2' }),
  q('one seller, price ascending', { sellerId: 'seller-3' }, 'price_asc'),
  none('an unknown seller', { sellerId: 'seller-unknown' }),
  q(
    'text + category + maximum price + enum, descending',
    {
      text: 'vélo',
      categoryIds: under('Véhicules'),
      maxPrice: 49_900,
      attributes: [{ key: 'condition', anyOf: ['bon', 'usé'] }],
    },
    'price_desc',
  ),
  q('category + boolean + numeric range', {
    categoryIds: under('Maison'),
    attributes: [
      { key: 'electric', anyOf: [false] },
      { key: 'year', min: 2008, max: 2022 },
    ],
  }),
  q('text + seller, ascending', { text: 'cafe', sellerId: 'seller-1' }, 'price_asc'),
  q(
    'category + price range, ascending (the typical browse)',
    { categoryIds: under('Cuisine'), minPrice: 999, maxPrice: 49_900 },
    'price_asc',
  ),
];

function tokensOf(listing: Listing): string[] {
  return searchTokens(`${listing.title} ${listing.description}`);
}

/** The expected answer, computed here from the fixture (or another catalog) alone. */
function bruteForce(query: ListingSearchQuery, catalog: Listing[] = listings): string[] {
  const words = searchTokens(query.text ?? '');
  const matches = catalog.filter(
    (l) =>
      l.status === 'published' &&
      words.every((word) => tokensOf(l).includes(word)) &&
      (!query.categoryIds || query.categoryIds.includes(l.categoryId)) &&
      l.price.amount >= (query.minPrice ?? -Infinity) &&
      l.price.amount <= (query.maxPrice ?? Infinity) &&
      (!query.sellerId || l.sellerId === query.sellerId) &&
      (query.attributes ?? []).every((filter) => {
        const value = Object.hasOwn(l.attributes, filter.key) ? l.attributes[filter.key] : undefined;
        if ('anyOf' in filter) return filter.anyOf.some((wanted) => wanted === value);
        return typeof value === 'number' && value >= (filter.min ?? -Infinity) && value <= (filter.max ?? Infinity);
      }),
  );
  const key = (l: Listing): number => (query.sort === 'newest' ? (l.publishedAt?.getTime() ?? 0) : l.price.amount);
  const direction = query.sort === 'price_asc' ? 1 : -1;
  return matches.sort((a, b) => direction * (key(a) - key(b) || (a.id < b.id ? -1 : 1))).map((l) => l.id);
}

/** Every page of a search, checking that each page but the last is full. */
async function searchAll(repo: ListingRepository, query: ListingSearchQuery): Promise<string[]> {
  const ids: string[] = [];
  let cursor = query.cursor;
  for (let page = 0; page < 60; page += 1) {
    const result = await repo.search({ ...query, cursor });
    ids.push(...result.items.map((l) => l.id));
    if (result.nextCursor === null) return ids;
    expect(result.items).toHaveLength(query.limit);
    cursor = result.nextCursor;
  }
  throw new Error('more than 60 pages');
}

async function loaded(repo: ListingRepository, extra: Listing[] = []): Promise<ListingRepository> {
  for (const listing of [...listings, ...extra]) await repo.create(listing, []);
  return repo;
}

describe('the search fixture', () => {
  it('has 240 listings over a 3-level tree, mixed statuses, every attribute type, and ties on every sort key', () => {
    expect(listings).toHaveLength(240);
    expect(Math.max(...categories.map((c) => c.ancestorIds.length))).toBe(2);
    expect(new Set(listings.map((l) => l.status)).size).toBe(5);
    expect(published.size).toBeGreaterThan(100);
    expect(published.size).toBeLessThan(220);
    expect(new Set(listings.map((l) => l.sellerId))).toEqual(new Set(sellerIds));
    const types = new Set(listings.flatMap((l) => Object.values(l.attributes).map((v) => typeof v)));
    expect(types).toEqual(new Set(['string', 'boolean', 'number']));
    expect(new Set(listings.map((l) => l.publishedAt?.getTime())).size).toBeLessThan(published.size);
    expect(queries.length).toBeGreaterThanOrEqual(30);
  });

  it('is what its queries expect: vélo matches accents and case, a subtree includes its leaves, filters narrow', () => {
    const velo = bruteForce(queries[3]!.query);
    expect(new Set(bruteForce(queries[4]!.query))).toEqual(new Set(velo));
    expect(velo.length).toBeGreaterThan(10);
    const titles = listings.filter((l) => velo.includes(l.id)).map((l) => `${l.title} ${l.description}`);
    expect(titles.some((t) => t.includes('VÉLO'))).toBe(true);
    expect(titles.some((t) => t.includes('velo '))).toBe(true);
    const leaves = bruteForce(q('', { categoryIds: [categoryId('Vélos électriques')] }).query);
    expect(bruteForce(queries[14]!.query)).toEqual(expect.arrayContaining(leaves));
    expect(leaves.length).toBeGreaterThan(0);
    expect(bruteForce(q('', { text: 'vélo électrique' }).query).length).toBeLessThan(velo.length);
  });
});

describe('MemoryListingRepository search', () => {
  let repo: ListingRepository;
  beforeAll(async () => {
    repo = await loaded(new MemoryListingRepository(new MemoryOutbox()));
  });

  it.each(queries)('$name: the brute-force answer, published listings only', async ({ query, empty }) => {
    const ids = await searchAll(repo, query);
    expect(ids).toEqual(bruteForce(query));
    expect(ids.every((id) => published.has(id))).toBe(true);
    if (empty) expect(ids).toEqual([]);
    else expect(ids.length).toBeGreaterThan(0);
  });
});

/*
 * The memory adapter keeps indexes of its published listings: after a round of saves that change
 * words, prices, publication dates and statuses (out of and into published), every query must
 * still answer what a brute-force search of the saved catalog answers.
 */
function editedCatalog(): Listing[] {
  const random = seededRandom(7);
  return listings.map((listing, index) => {
    if (index % 3 !== 0) return listing;
    const other = listings[Math.floor(random() * listings.length)]!;
    const status = listing.status === 'published' ? (random() < 0.5 ? 'archived' : 'moderation') : 'published';
    return {
      ...listing,
      title: other.title,
      price: other.price,
      status: random() < 0.5 ? status : listing.status,
      publishedAt: other.publishedAt ?? listing.publishedAt ?? new Date(0),
      version: listing.version + 1,
    };
  });
}

describe('MemoryListingRepository search after saves', () => {
  const edited = editedCatalog();
  let repo: ListingRepository;
  beforeAll(async () => {
    repo = await loaded(new MemoryListingRepository(new MemoryOutbox()));
    for (const [index, listing] of edited.entries()) if (listing !== listings[index]) await repo.save(listing, []);
  });

  it('the saves moved listings in and out of published and changed what queries find', () => {
    const statusChanges = edited.filter((listing, i) => listing.status !== listings[i]!.status);
    expect(statusChanges.some((listing) => listing.status === 'published')).toBe(true);
    expect(statusChanges.some((listing) => listing.status !== 'published')).toBe(true);
    const changed = queries.filter(({ query }) => bruteForce(query, edited).join() !== bruteForce(query).join());
    expect(changed.length).toBeGreaterThan(queries.length / 2);
  });

  it.each(queries)('$name: the brute-force answer of the saved catalog', async ({ query }) => {
    expect(await searchAll(repo, query)).toEqual(bruteForce(query, edited));
  });
});

describeWithService('MONGO_URL', 'MongoListingRepository search', (url) => {
  const db = useMongoDatabase(url);
  const memory = new MemoryListingRepository(new MemoryOutbox());
  let mongo: ListingRepository;
  beforeAll(async () => {
    const repo = new MongoListingRepository(db(), new MongoOutboxStore(db().collection('listings')));
    await repo.ensureIndexes();
    mongo = await loaded(repo);
    await loaded(memory);
  });

  it.each(queries)('$name: the same ids in the same order as the memory adapter', async ({ query }) => {
    expect(await searchAll(mongo, query)).toEqual(await searchAll(memory, query));
  });
});

/*
 * A keyset page continues after the last listing seen, so listings added meanwhile neither repeat
 * nor push others out: newer ones come before the cursor, and the rest of the list is unchanged.
 */
function cursorStability(makeRepo: () => Promise<ListingRepository>): void {
  const latest = Math.max(...listings.map((l) => l.publishedAt?.getTime() ?? 0));
  const newcomer = (index: number, publishedAt: number, amount: number): Listing => {
    const template = listings.find((l) => l.status === 'published')!;
    return { ...template, id: `new-${index}`, publishedAt: new Date(publishedAt), price: { amount, currency: 'EUR' } };
  };

  it('newest: listings published between two pages change nothing after the cursor', async () => {
    const repo = await loaded(await makeRepo());
    const query: ListingSearchQuery = { sort: 'newest', limit: pageSize };
    const before = await searchAll(repo, query);
    const first = await repo.search(query);
    for (let i = 0; i < 10; i += 1) await repo.create(newcomer(i, latest + (i + 1) * 60_000, 1_000), []);
    const rest = await searchAll(repo, { ...query, cursor: first.nextCursor ?? undefined });
    expect([...first.items.map((l) => l.id), ...rest]).toEqual(before);
    expect((await searchAll(repo, query)).slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => `new-${9 - i}`));
  });

  it('price_asc: listings added on both sides of the cursor cause no duplicate and no gap', async () => {
    const repo = await loaded(await makeRepo(), []);
    const query: ListingSearchQuery = { sort: 'price_asc', limit: pageSize };
    const before = await searchAll(repo, query);
    const first = await repo.search(query);
    const added = [
      newcomer(1, latest, 1),
      newcomer(2, latest, 999_999),
      newcomer(3, latest, first.items.at(-1)!.price.amount),
    ];
    for (const listing of added) await repo.create(listing, []);
    const seen = [
      ...first.items.map((l) => l.id),
      ...(await searchAll(repo, { ...query, cursor: first.nextCursor ?? undefined })),
    ];
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => !id.startsWith('new-'))).toEqual(before);
    expect(seen).toContain('new-2');
    expect(seen).not.toContain('new-1');
  });
}

describe('MemoryListingRepository cursors', () => {
  cursorStability(async () => new MemoryListingRepository(new MemoryOutbox()));
});

describeWithService('MONGO_URL', 'MongoListingRepository cursors', (url) => {
  const db = useMongoDatabase(url);
  afterAll(async () => {
    await db().collection('listings').deleteMany({});
  });
  cursorStability(async () => {
    await db().collection('listings').deleteMany({});
    const repo = new MongoListingRepository(db(), new MongoOutboxStore(db().collection('listings')));
    await repo.ensureIndexes();
    return repo;
  });
});
