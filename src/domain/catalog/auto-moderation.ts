import { searchTokens } from '../shared/text.js';
import type { Listing } from './listing.js';

export type MediaModerationStatus = 'awaiting_upload' | 'pending_moderation' | 'approved' | 'rejected' | 'missing';

export interface AutoModerationVerdict {
  passed: boolean;
  reasons: string[];
}

/**
 * A listing goes straight to `published` when every linked media is approved and no banned word
 * appears in its title or description (accents and case ignored); otherwise a moderator decides.
 */
export function autoModerate(
  listing: Pick<Listing, 'title' | 'description' | 'mediaIds'>,
  mediaStatuses: Map<string, MediaModerationStatus>,
  bannedWords: string[],
): AutoModerationVerdict {
  const reasons: string[] = [];
  const unapproved = listing.mediaIds.filter((id) => mediaStatuses.get(id) !== 'approved');
  if (unapproved.length > 0) reasons.push(`media not approved yet: ${unapproved.join(', ')}`);
  const words = new Set(searchTokens(`${listing.title} ${listing.description}`));
  const banned = bannedWords.flatMap((w) => searchTokens(w)).filter((w) => words.has(w));
  if (banned.length > 0) reasons.push(`banned words: ${[...new Set(banned)].join(', ')}`);
  return { passed: reasons.length === 0, reasons };
}
