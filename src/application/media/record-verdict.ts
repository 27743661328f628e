import { moderate, type Media, type ModerationVerdict } from '../../domain/media/media.js';
import type { PendingEvents } from '../shared/outbox/outbox.js';
import type { MediaRepository } from './ports/media-repository.js';

/**
 * Applies a moderation verdict and stores it with the events `eventsOf` builds for the moderated
 * media; the same verdict again stores nothing (its events were stored the first time).
 */
export async function recordVerdict(
  repository: MediaRepository,
  media: Media,
  decision: { verdict: ModerationVerdict; labels: readonly string[]; at: Date },
  eventsOf: (moderated: Media) => PendingEvents,
): Promise<Media> {
  const moderated = moderate(media, decision.verdict, decision.labels, decision.at);
  if (moderated !== media) await repository.save(moderated, media.status, eventsOf(moderated));
  return moderated;
}
