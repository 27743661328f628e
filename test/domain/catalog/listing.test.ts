import { describe, expect, it } from 'vitest';
import { autoModerate } from '../../../src/domain/catalog/auto-moderation.js';
import {
  archiveListing,
  createListing,
  editListing,
  moderateListing,
  retryAutoModeration,
  reviewPublishedEdit,
  submitForPublication,
  type Listing,
  type ListingStatus,
} from '../../../src/domain/catalog/listing.js';
import { codeOf } from '../../support/domain-errors.js';

const at = new Date('2026-03-01T00:00:00Z');
const later = new Date('2026-03-02T00:00:00Z');
const draft = createListing({
  id: 'l1',
  sellerId: 's1',
  content: {
    title: 'Vélo de course',
    description: 'Très bon état',
    categoryId: 'c1',
    price: { amount: 25000, currency: 'EUR' },
    quantity: 1,
    attributes: {},
    mediaIds: ['m1'],
  },
  at,
});
const inStatus = (status: ListingStatus): Listing => ({ ...draft, status });
const pass = { passed: true, reasons: [] };
const fail = { passed: false, reasons: ['media not approved yet: m1'] };

describe('listing state machine', () => {
  it('publishes a draft straight away when auto-moderation passes, else sends it to moderation', () => {
    expect(submitForPublication(draft, pass, later)).toMatchObject({
      status: 'published',
      publishedAt: later,
      version: 2,
    });
    expect(submitForPublication(draft, fail, later)).toMatchObject({
      status: 'moderation',
      moderationReason: 'media not approved yet: m1',
    });
  });

  it('moderation -> published | rejected; rejected -> draft on edit', () => {
    const approved = moderateListing(inStatus('moderation'), 'approved', later);
    expect(approved).toMatchObject({ status: 'published', publishedAt: later });
    const rejected = moderateListing(inStatus('moderation'), 'rejected', later, 'blurry photos');
    expect(rejected).toMatchObject({ status: 'rejected', moderationReason: 'blurry photos' });
    const edited = editListing(rejected, { title: 'Vélo de course, photos nettes' }, later);
    expect(edited.listing.status).toBe('draft');
    expect(edited.listing.moderationReason).toBeUndefined();
    expect(edited.changed).toEqual(['title']);
  });

  it('published -> archived (and drafts may be archived too)', () => {
    expect(archiveListing(inStatus('published'), later).status).toBe('archived');
    expect(archiveListing(draft, later).status).toBe('archived');
  });

  it('flags content edits of a published listing for moderation, not price or stock', () => {
    expect(
      editListing(inStatus('published'), { price: { amount: 1, currency: 'EUR' }, quantity: 3 }, later).needsModeration,
    ).toBe(false);
    const edited = editListing(inStatus('published'), { description: 'new text' }, later);
    expect(edited.needsModeration).toBe(true);
    expect(reviewPublishedEdit(edited.listing, pass, later).status).toBe('published');
    expect(reviewPublishedEdit(edited.listing, fail, later).status).toBe('moderation');
  });

  it('publishes a listing waiting for its media once they are approved', () => {
    expect(retryAutoModeration(inStatus('moderation'), pass, later).status).toBe('published');
    expect(retryAutoModeration(inStatus('moderation'), fail, later).status).toBe('moderation');
  });

  it('refuses every other transition with LISTING_INVALID_TRANSITION', () => {
    const forbidden: [string, () => unknown][] = [
      ['publish published', () => submitForPublication(inStatus('published'), pass, later)],
      ['review a draft', () => reviewPublishedEdit(draft, pass, later)],
      ['publish moderation', () => submitForPublication(inStatus('moderation'), pass, later)],
      ['publish rejected', () => submitForPublication(inStatus('rejected'), pass, later)],
      ['publish archived', () => submitForPublication(inStatus('archived'), pass, later)],
      ['approve draft', () => moderateListing(draft, 'approved', later)],
      ['approve published', () => moderateListing(inStatus('published'), 'approved', later)],
      ['reject rejected', () => moderateListing(inStatus('rejected'), 'rejected', later)],
      ['edit moderation', () => editListing(inStatus('moderation'), { title: 'x' }, later)],
      ['edit archived', () => editListing(inStatus('archived'), { title: 'x' }, later)],
      ['archive archived', () => archiveListing(inStatus('archived'), later)],
      ['auto-moderate draft', () => retryAutoModeration(draft, pass, later)],
    ];
    for (const [name, act] of forbidden) expect(codeOf(act), name).toBe('LISTING_INVALID_TRANSITION');
  });
});

describe('auto-moderation', () => {
  const statuses = new Map([['m1', 'approved' as const]]);

  it('passes when every media is approved and no banned word appears', () => {
    expect(autoModerate(draft, statuses, ['contrefaçon'])).toEqual({ passed: true, reasons: [] });
  });

  it('catches banned words whatever their case or accents', () => {
    const listing = { ...draft, description: 'CONTREFACON parfaite' };
    expect(autoModerate(listing, statuses, ['contrefaçon']).reasons).toEqual(['banned words: contrefacon']);
  });

  it('holds back a listing with media not approved (or unknown)', () => {
    expect(autoModerate({ ...draft, mediaIds: ['m1', 'm2'] }, statuses, []).reasons).toEqual([
      'media not approved yet: m2',
    ]);
  });
});
