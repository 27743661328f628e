import { moderate, type Media, type ModerationVerdict } from '../../domain/media/media.js';
import type { MediaRepository } from './ports/media-repository.js';

/** Applies a moderation verdict and stores it; the same verdict again stores nothing. */
export async function recordVerdict(repository: MediaRepository, media: Media, verdict: ModerationVerdict, labels: readonly string[], at: Date): Promise<Media> {
  const moderated = moderate(media, verdict, labels, at);
  if (moderated !== media) await repository.save(moderated, media.status);
  return moderated;
}
