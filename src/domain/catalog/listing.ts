import { DomainError } from '../shared/domain-error.js';
import { listingSaleErrors } from '../shared/listing-sale-errors.js';
import type { Money } from '../shared/money.js';
import type { AttributeValue } from './attributes.js';

export const listingStatuses = ['draft', 'moderation', 'published', 'rejected', 'archived'] as const;
export type ListingStatus = (typeof listingStatuses)[number];

export interface Listing {
  id: string;
  sellerId: string;
  title: string;
  description: string;
  categoryId: string;
  price: Money;
  /** Stock on hand. */
  quantity: number;
  attributes: Record<string, AttributeValue>;
  mediaIds: string[];
  status: ListingStatus;
  /** Why moderation rejected it (or sent it to review), when it did. */
  moderationReason?: string;
  createdAt: Date;
  updatedAt: Date;
  publishedAt?: Date;
  /** Bumped on every change: saves are conditional on it, so concurrent edits never overwrite each other. */
  version: number;
}

export type ListingContent = Pick<
  Listing,
  'title' | 'description' | 'categoryId' | 'price' | 'quantity' | 'attributes' | 'mediaIds'
>;

/** Content changes that a moderator has to see again; price and stock edits do not. */
const contentFields = ['title', 'description', 'categoryId', 'attributes', 'mediaIds'] as const;

export const listingErrors = {
  notFound: listingSaleErrors.notFound,
  invalidTransition: (status: ListingStatus, action: string) =>
    new DomainError('conflict', 'LISTING_INVALID_TRANSITION', `cannot ${action} a listing that is ${status}`, {
      listingStatus: status,
    }),
  concurrentUpdate: () =>
    new DomainError('conflict', 'LISTING_CONCURRENT_UPDATE', 'the listing was changed meanwhile; read it again'),
};

function transition(listing: Listing, allowed: readonly ListingStatus[], action: string): void {
  if (!allowed.includes(listing.status)) throw listingErrors.invalidTransition(listing.status, action);
}

export function createListing(input: { id: string; sellerId: string; content: ListingContent; at: Date }): Listing {
  return {
    id: input.id,
    sellerId: input.sellerId,
    ...input.content,
    status: 'draft',
    createdAt: input.at,
    updatedAt: input.at,
    version: 1,
  };
}

export function changedFields(listing: Listing, changes: Partial<ListingContent>): string[] {
  return Object.entries(changes)
    .filter(
      ([key, value]) =>
        value !== undefined && JSON.stringify(value) !== JSON.stringify(listing[key as keyof ListingContent]),
    )
    .map(([key]) => key);
}

/**
 * Edits are allowed in draft, rejected (which goes back to draft) and published. A published
 * listing whose content changes must pass moderation again (`needsModeration`); price and stock
 * edits keep it published. Under moderation or archived it cannot change.
 */
export function editListing(
  listing: Listing,
  changes: Partial<ListingContent>,
  at: Date,
): { listing: Listing; changed: string[]; needsModeration: boolean } {
  transition(listing, ['draft', 'rejected', 'published'], 'edit');
  const changed = changedFields(listing, changes);
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const next: Listing = { ...listing, ...defined, updatedAt: at, version: listing.version + 1 };
  if (listing.status === 'rejected') {
    next.status = 'draft';
    delete next.moderationReason;
  }
  const needsModeration =
    listing.status === 'published' && changed.some((f) => (contentFields as readonly string[]).includes(f));
  return { listing: next, changed, needsModeration };
}

type Verdict = { passed: boolean; reasons: string[] };

function toModeration(listing: Listing, verdict: Verdict, at: Date): Listing {
  return {
    ...listing,
    status: 'moderation',
    moderationReason: verdict.reasons.join('; '),
    updatedAt: at,
    version: listing.version + 1,
  };
}

/** draft -> published when auto-moderation passes, else -> moderation (with the reasons). */
export function submitForPublication(listing: Listing, verdict: Verdict, at: Date): Listing {
  transition(listing, ['draft'], 'publish');
  return verdict.passed ? publish(listing, at) : toModeration(listing, verdict, at);
}

/** A published listing whose content was edited stays published only if auto-moderation passes again. */
export function reviewPublishedEdit(listing: Listing, verdict: Verdict, at: Date): Listing {
  transition(listing, ['published'], 'review');
  return verdict.passed ? listing : toModeration(listing, verdict, at);
}

function publish(listing: Listing, at: Date): Listing {
  const next: Listing = {
    ...listing,
    status: 'published',
    publishedAt: listing.publishedAt ?? at,
    updatedAt: at,
    version: listing.version + 1,
  };
  delete next.moderationReason;
  return next;
}

/** A listing waiting in moderation for its media is published once auto-moderation passes. */
export function retryAutoModeration(listing: Listing, verdict: { passed: boolean }, at: Date): Listing {
  transition(listing, ['moderation'], 'auto-moderate');
  return verdict.passed ? publish(listing, at) : listing;
}

/** A moderator's decision on a listing in `moderation`. */
export function moderateListing(
  listing: Listing,
  verdict: 'approved' | 'rejected',
  at: Date,
  reason?: string,
): Listing {
  transition(listing, ['moderation'], verdict === 'approved' ? 'approve' : 'reject');
  if (verdict === 'approved') return publish(listing, at);
  return {
    ...listing,
    status: 'rejected',
    moderationReason: reason ?? 'rejected by a moderator',
    updatedAt: at,
    version: listing.version + 1,
  };
}

/** Soft delete, from any state but archived. */
export function archiveListing(listing: Listing, at: Date): Listing {
  transition(listing, ['draft', 'moderation', 'published', 'rejected'], 'archive');
  return { ...listing, status: 'archived', updatedAt: at, version: listing.version + 1 };
}
