import { randomUUID } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import type {
  ListingRepository,
  ListingSearchQuery,
} from '../../../src/application/catalog/ports/listing-repository.js';
import type { OutboxStore } from '../../../src/application/shared/outbox/outbox.js';
import type { Page } from '../../../src/application/shared/ports/page.js';
import {
  archiveListing,
  createListing,
  editListing,
  moderateListing,
  submitForPublication,
  type Listing,
} from '../../../src/domain/catalog/listing.js';
import { pendingEvents, sampleEvent } from '../../support/outbox-helpers.js';

export interface ListingRepositoryContractOptions {
  /** FerretDB does not apply a conditional update atomically: racing saves of one version may all pass. */
  onFerretDb?: boolean;
}

const at = new Date('2026-03-01T10:00:00.000Z');
const minutes = (count: number): Date => new Date(at.getTime() + count * 60_000);
const passed = { passed: true, reasons: [] };

function draft(fields: Partial<Listing> = {}): Listing {
  const content = {
    title: 'Vélo électrique',
    description: 'Batterie neuve, très bon état.',
    categoryId: 'cat-velos',
    price: { amount: 89_900, currency: 'EUR' },
    quantity: 1,
    attributes: { condition: 'bon', electric: true, brand: 'Décathlon', weight_kg: 22.5, year: 2022 },
    mediaIds: ['media-1', 'media-2'],
  };
  return { ...createListing({ id: randomUUID(), sellerId: 'seller-1', content, at: new Date(at) }), ...fields };
}

function published(fields: Partial<Listing> = {}): Listing {
  return { ...submitForPublication(draft(), passed, new Date(at)), ...fields };
}

async function allPages(read: (cursor?: string) => Promise<Page<Listing>>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page += 1) {
    const result = await read(cursor);
    ids.push(...result.items.map((listing) => listing.id));
    if (result.nextCursor === null) return ids;
    cursor = result.nextCursor;
  }
  throw new Error('more than 50 pages');
}

/** An empty repository and the outbox its writes store events in. */
export interface ListingStoreUnderTest {
  repo: ListingRepository;
  outbox: OutboxStore;
}

/** The behaviour every ListingRepository must have; `makeStore` gives an empty store. */
export function listingRepositoryContract(
  makeStore: () => Promise<ListingStoreUnderTest>,
  options: ListingRepositoryContractOptions = {},
): void {
  let repo: ListingRepository;
  let outbox: OutboxStore;
  beforeEach(async () => {
    ({ repo, outbox } = await makeStore());
  });
  const pendingIds = async () => (await pendingEvents(outbox)).map((event) => event.id);

  it('stores the events of a create and of each save in its outbox, in order, and never in the listing', async () => {
    const listing = draft();
    await repo.create(listing, [sampleEvent('e1')]);
    const edited = editListing(listing, { title: 'Vélo de ville' }, minutes(1)).listing;
    await repo.save(edited, [sampleEvent('e2'), sampleEvent('e3')]);
    const [first] = await pendingEvents(outbox);
    expect(first).toEqual(sampleEvent('e1'));
    expect(await pendingIds()).toEqual(['e1', 'e2', 'e3']);
    expect(await repo.findById(listing.id)).toStrictEqual(edited);
  });

  it('a save without events keeps the events still pending', async () => {
    const listing = draft();
    await repo.create(listing, [sampleEvent('e1')]);
    await repo.save(editListing(listing, { title: 'Vélo de ville' }, minutes(1)).listing, []);
    expect(await pendingIds()).toEqual(['e1']);
  });

  it('a refused save (stale version, unknown listing) stores none of its events', async () => {
    const listing = draft();
    await repo.create(listing, []);
    await repo.save(editListing(listing, { title: 'Premier' }, minutes(1)).listing, [sampleEvent('won')]);
    const stale = editListing(listing, { title: 'Second' }, minutes(2)).listing;
    await expect(repo.save(stale, [sampleEvent('lost')])).rejects.toMatchObject({ code: 'LISTING_CONCURRENT_UPDATE' });
    await expect(repo.save({ ...draft(), version: 2 }, [sampleEvent('absent')])).rejects.toMatchObject({
      code: 'LISTING_NOT_FOUND',
    });
    expect(await pendingIds()).toEqual(['won']);
  });

  it('finds a created listing by id, attributes of every type and dates intact, nothing added', async () => {
    const listing = draft();
    await repo.create(listing, []);
    const found = await repo.findById(listing.id);
    expect(found).toStrictEqual(listing);
    expect(found?.createdAt).toBeInstanceOf(Date);
  });

  it('answers null for an unknown id', async () => {
    expect(await repo.findById(randomUUID())).toBeNull();
  });

  it('save of the next version replaces the listing', async () => {
    const listing = draft();
    await repo.create(listing, []);
    const edited = editListing(
      listing,
      { title: 'Vélo de ville', price: { amount: 79_900, currency: 'EUR' } },
      minutes(1),
    ).listing;
    await repo.save(edited, []);
    expect(await repo.findById(listing.id)).toStrictEqual(edited);
  });

  it('save of a stale version: LISTING_CONCURRENT_UPDATE, and the stored listing is unchanged', async () => {
    const listing = draft();
    await repo.create(listing, []);
    const first = editListing(listing, { title: 'Premier' }, minutes(1)).listing;
    const second = editListing(listing, { title: 'Second' }, minutes(2)).listing;
    await repo.save(first, []);
    await expect(repo.save(second, [])).rejects.toMatchObject({ code: 'LISTING_CONCURRENT_UPDATE', kind: 'conflict' });
    await expect(repo.save({ ...first, version: first.version + 5 }, [])).rejects.toMatchObject({
      code: 'LISTING_CONCURRENT_UPDATE',
    });
    expect(await repo.findById(listing.id)).toStrictEqual(first);
  });

  it('save of an unknown listing: LISTING_NOT_FOUND, and nothing is stored', async () => {
    const listing = { ...draft(), version: 2 };
    await expect(repo.save(listing, [])).rejects.toMatchObject({ code: 'LISTING_NOT_FOUND', kind: 'not_found' });
    expect(await repo.findById(listing.id)).toBeNull();
  });

  it.skipIf(options.onFerretDb === true)(
    'of 20 concurrent saves of the same version exactly one wins, the others get LISTING_CONCURRENT_UPDATE (skipped on FerretDB: its conditional updates are not atomic under concurrency)',
    async () => {
      const listing = draft();
      await repo.create(listing, []);
      const edits = Array.from(
        { length: 20 },
        (_, i) => editListing(listing, { title: `Édition ${i}` }, minutes(1)).listing,
      );
      const results = await Promise.allSettled(edits.map((edit) => repo.save(edit, [])));
      const winners = results.flatMap((result, i) => (result.status === 'fulfilled' ? [edits[i]] : []));
      expect(winners).toHaveLength(1);
      for (const result of results)
        if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'LISTING_CONCURRENT_UPDATE' });
      expect(await repo.findById(listing.id)).toStrictEqual(winners[0]);
    },
  );

  it('round-trips a moderation reason and a publication date, and drops them when a save leaves them out', async () => {
    const listing = draft();
    await repo.create(listing, []);
    const inModeration = submitForPublication(
      listing,
      { passed: false, reasons: ['media not approved yet'] },
      minutes(1),
    );
    await repo.save(inModeration, []);
    expect(await repo.findById(listing.id)).toMatchObject({
      status: 'moderation',
      moderationReason: 'media not approved yet',
    });
    const approved = moderateListing(inModeration, 'approved', minutes(2));
    await repo.save(approved, []);
    const found = await repo.findById(listing.id);
    expect(found).toStrictEqual(approved);
    expect(found).not.toHaveProperty('moderationReason');
    expect(found?.publishedAt).toEqual(minutes(2));
  });

  it('listByStatus pages through one status, oldest update first, ties by id', async () => {
    const queued = [3, 1, 2, 2, 5, 4, 2].map((minute) => ({
      ...draft({ status: 'moderation' }),
      updatedAt: minutes(minute),
    }));
    for (const listing of [...queued, draft(), published({ updatedAt: minutes(0) })]) await repo.create(listing, []);
    const expected = [...queued]
      .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || (a.id < b.id ? -1 : 1))
      .map((l) => l.id);
    expect(await allPages((cursor) => repo.listByStatus('moderation', { limit: 2, cursor }))).toEqual(expected);
    const firstPage = await repo.listByStatus('moderation', { limit: 7 });
    expect(firstPage.items.map((l) => l.id)).toEqual(expected);
    expect(firstPage.nextCursor).toBeNull();
    expect(await repo.listByStatus('rejected', { limit: 10 })).toEqual({ items: [], nextCursor: null });
  });

  it('findLinkingMedia answers the listings of any status but archived that link the media, by id', async () => {
    const linking = [draft(), published(), draft({ status: 'moderation' })];
    const archived = archiveListing(published(), minutes(1));
    for (const listing of [...linking, archived, draft({ mediaIds: ['media-9'] })]) await repo.create(listing, []);
    expect(await repo.findLinkingMedia('media-2')).toStrictEqual([...linking].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(await repo.findLinkingMedia('media-unknown')).toEqual([]);
  });

  it('existsInCategories answers whether any listing, of any status, is in one of the categories', async () => {
    await repo.create(archiveListing(published({ categoryId: 'cat-archived' }), minutes(1)), []);
    await repo.create(draft({ categoryId: 'cat-draft' }), []);
    expect(await repo.existsInCategories(['cat-archived'])).toBe(true);
    expect(await repo.existsInCategories(['cat-empty', 'cat-draft'])).toBe(true);
    expect(await repo.existsInCategories(['cat-empty'])).toBe(false);
    expect(await repo.existsInCategories([])).toBe(false);
  });

  it('search finds only published listings', async () => {
    const visible = published();
    for (const listing of [visible, draft(), draft({ status: 'moderation' }), archiveListing(published(), minutes(1))])
      await repo.create(listing, []);
    expect(await repo.search({ sort: 'newest', limit: 20 })).toStrictEqual({ items: [visible], nextCursor: null });
    expect(await repo.search({ text: 'VELO', sort: 'price_asc', limit: 20 })).toStrictEqual({
      items: [visible],
      nextCursor: null,
    });
  });

  it('search follows every save: new words and price found, old ones not, and only while published', async () => {
    const cheap = published({ price: { amount: 1_000, currency: 'EUR' } });
    const dear = published({ price: { amount: 5_000, currency: 'EUR' } });
    const waiting = draft({ title: 'Tondeuse à gazon', price: { amount: 3_000, currency: 'EUR' } });
    for (const listing of [cheap, dear, waiting]) await repo.create(listing, []);
    const ids = async (query: Partial<ListingSearchQuery> = {}): Promise<string[]> =>
      (await repo.search({ sort: 'price_asc', limit: 10, ...query })).items.map((listing) => listing.id);
    expect(await ids({ text: 'tondeuse' })).toEqual([]);

    const renamed = editListing(cheap, { title: 'Tondeuse', price: { amount: 9_000, currency: 'EUR' } }, minutes(1));
    await repo.save(renamed.listing, []);
    expect(await ids({ text: 'tondeuse' })).toEqual([cheap.id]);
    expect(await ids({ text: 'vélo' })).toEqual([dear.id]);
    expect(await ids()).toEqual([dear.id, cheap.id]);
    expect(await ids({ maxPrice: 5_000 })).toEqual([dear.id]);

    await repo.save(submitForPublication(waiting, passed, minutes(2)), []);
    await repo.save(archiveListing(renamed.listing, minutes(3)), []);
    expect(await ids({ text: 'tondeuse' })).toEqual([waiting.id]);
    expect(await ids()).toEqual([waiting.id, dear.id]);
    expect((await repo.search({ sort: 'newest', limit: 10 })).items.map((listing) => listing.id)).toEqual([
      waiting.id,
      dear.id,
    ]);
  });

  it('search refuses a cursor that is garbage or belongs to another order: INVALID_CURSOR', async () => {
    for (const minute of [1, 2, 3]) await repo.create(published({ publishedAt: minutes(minute) }), []);
    const { nextCursor } = await repo.search({ sort: 'newest', limit: 1 });
    expect(nextCursor).toEqual(expect.any(String));
    for (const cursor of ['not a cursor', Buffer.from('{"o":"newest"}').toString('base64url')]) {
      await expect(repo.search({ sort: 'newest', limit: 1, cursor })).rejects.toMatchObject({
        code: 'INVALID_CURSOR',
        kind: 'invalid',
      });
    }
    await expect(repo.search({ sort: 'price_asc', limit: 1, cursor: nextCursor ?? '' })).rejects.toMatchObject({
      code: 'INVALID_CURSOR',
    });
    await expect(repo.listByStatus('published', { limit: 1, cursor: nextCursor ?? '' })).rejects.toMatchObject({
      code: 'INVALID_CURSOR',
    });
  });

  it('keeps its own copies: changing a passed or returned listing changes nothing stored', async () => {
    const listing = published();
    await repo.create(listing, []);
    const original = structuredClone(listing);
    listing.attributes.condition = 'usé';
    listing.mediaIds.push('media-x');
    listing.price.amount = 1;
    listing.publishedAt?.setFullYear(2000);
    const [found] = (await repo.search({ sort: 'newest', limit: 1 })).items;
    found?.mediaIds.pop();
    found?.createdAt.setFullYear(2001);
    expect(await repo.findById(listing.id)).toStrictEqual(original);
  });
}
