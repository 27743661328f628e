import { retryAutoModeration } from '../../../domain/catalog/listing.js';
import type { EventEnvelope } from '../../shared/events/envelope.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { AutoModerator } from '../auto-moderator.js';
import type { ListingEvents } from '../listing-events.js';
import type { ListingRepository } from '../ports/listing-repository.js';

/**
 * Consumer of `image.moderation.result`: listings waiting in moderation that link this media
 * run auto-moderation again, with the verdict of the event (the media module may not have
 * stored it yet), and are published when everything now passes.
 */
export class ReapplyAutoModeration {
  static readonly consumer = 'catalog.reapply-auto-moderation';

  constructor(
    private readonly listings: ListingRepository,
    private readonly moderator: AutoModerator,
    private readonly events: ListingEvents,
    private readonly clock: Clock,
  ) {}

  async handle(event: EventEnvelope<'image.moderation.result'>): Promise<void> {
    const { mediaId, verdict } = event.payload;
    const waiting = (await this.listings.findLinkingMedia(mediaId)).filter((l) => l.status === 'moderation');
    for (const before of waiting) {
      const judged = await this.moderator.judge(before, new Map([[mediaId, verdict]]));
      if (!judged.passed) continue;
      const after = retryAutoModeration(before, judged, this.clock.now());
      const events = [this.events.changed(before, after, []), this.events.sellerNotice(after, 'listing.approved')];
      await this.listings.save(after, events);
    }
  }
}
