import type { Media, ModerationVerdict } from '../../../domain/media/media.js';
import type { EventFactory } from '../../shared/events/event-factory.js';
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
 * right away, so the answer and every later read show it (404 unknown, 409 not pending), with
 * `image.moderation.result` for the other modules and `admin.action` for the audit log in the
 * same write (the outbox); the media module's own consumer finds it already applied. The same verdict again (a retried
 * request)
 * answers the media as it is and stores nothing: the result stored the first time is not lost.
 */
export class SubmitModerationVerdict {
  constructor(
    private readonly media: MediaRepository,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  async execute(command: SubmitModerationVerdictCommand): Promise<Media> {
    const media = await loadMedia(this.media, command.mediaId);
    const decision = { verdict: command.verdict, labels: command.labels ?? [], at: this.clock.now() };
    return recordVerdict(this.media, media, decision, (moderated) => [
      this.events.create('image.moderation.result', {
        mediaId: moderated.id,
        verdict: command.verdict,
        labels: moderated.labels,
        moderatorId: command.moderatorId,
      }),
      this.events.create('admin.action', {
        actorId: command.moderatorId,
        action: command.verdict === 'approved' ? 'media.approve' : 'media.reject',
        targetType: 'media',
        targetId: moderated.id,
      }),
    ]);
  }
}
