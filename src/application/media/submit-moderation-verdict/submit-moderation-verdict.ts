import type { Media, ModerationVerdict } from '../../../domain/media/media.js';
import type { EventBus } from '../../shared/events/event-bus.js';
import type { Clock } from '../../shared/ports/clock.js';
import { loadMedia } from '../load-media.js';
import type { MediaRepository } from '../ports/media-repository.js';
import { recordVerdict } from '../record-verdict.js';

export interface SubmitModerationVerdictCommand {
  moderatorId: string;
  mediaId: string;
  verdict: ModerationVerdict;
  labels?: string[];
}

/**
 * An admin's verdict (standing in for the future automatic moderation). It is applied and stored
 * right away, so the answer and every later read show it (404 unknown, 409 not pending), then
 * `image.moderation.result` is published for the other modules; the media module's own consumer
 * finds it already applied. The same verdict again publishes the result again (a retry after a
 * lost publish) without changing the media.
 */
export class SubmitModerationVerdict {
  constructor(
    private readonly media: MediaRepository,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  async execute(command: SubmitModerationVerdictCommand): Promise<Media> {
    const media = await loadMedia(this.media, command.mediaId);
    const moderated = await recordVerdict(this.media, media, command.verdict, command.labels ?? [], this.clock.now());
    await this.events.publish('image.moderation.result', {
      mediaId: moderated.id,
      verdict: command.verdict,
      labels: moderated.labels,
      moderatorId: command.moderatorId,
    });
    return moderated;
  }
}
