import type { EventEnvelope } from '../../shared/events/envelope.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { MediaRepository } from '../ports/media-repository.js';
import { recordVerdict } from '../record-verdict.js';

/**
 * Consumer of `image.moderation.result`, whoever published it (an admin, an automatic moderator):
 * a media pending moderation takes the verdict. Idempotent: a media already decided (by this very
 * event, or by an earlier verdict: the first one wins) or unknown is left as it is, since
 * retrying could never change that. A concurrent change throws, so the bus retries.
 */
export class ApplyModerationVerdict {
  static readonly consumer = 'media.moderation-verdict';

  constructor(
    private readonly media: MediaRepository,
    private readonly clock: Clock,
  ) {}

  async handle(event: EventEnvelope<'image.moderation.result'>): Promise<void> {
    const { mediaId, verdict, labels } = event.payload;
    const media = await this.media.findById(mediaId);
    if (media?.status !== 'pending_moderation') return;
    await recordVerdict(this.media, media, { verdict, labels, at: this.clock.now() }, () => []);
  }
}
