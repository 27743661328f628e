import { mediaErrors } from '../../domain/media/errors.js';
import type { Media } from '../../domain/media/media.js';
import type { MediaRepository } from './ports/media-repository.js';

/** Reads a media that must exist; 404 otherwise. */
export async function loadMedia(repository: MediaRepository, id: string): Promise<Media> {
  const media = await repository.findById(id);
  if (!media) throw mediaErrors.notFound();
  return media;
}
