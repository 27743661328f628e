import { assertTrackable } from '../../../domain/delivery/delivery.js';
import { judgeTrackPoint, type TrackingDecision, type TrackPoint } from '../../../domain/delivery/tracking-filter.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/ports/clock.js';
import { loadVisibleDelivery } from '../delivery-access.js';
import type { DeliveryEvents } from '../delivery-events.js';
import type { DeliverySettings } from '../delivery-settings.js';
import { retryOnConcurrentUpdate } from '../delivery-updates.js';
import type { DeliveryRepository } from '../ports/delivery-repository.js';

export interface LocationReport {
  deliveryId: string;
  lat: number;
  lng: number;
  accuracy?: number;
  /** When the device took the fix; default: now. */
  recordedAt?: Date;
}

function pointOf(report: LocationReport, now: Date): TrackPoint {
  const { lat, lng, accuracy, recordedAt } = report;
  return { lat, lng, ...(accuracy === undefined ? {} : { accuracy }), recordedAt: recordedAt ?? now };
}

/**
 * Its courier reports a position while the delivery is assigned or in transit. The tracking
 * filter keeps it or drops it (with the reason); a kept point is appended over the version it was
 * judged against (judged again when another change won the race), with its event in the same write.
 */
export class RecordLocation {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly events: DeliveryEvents,
    private readonly clock: Clock,
    private readonly settings: DeliverySettings,
  ) {}

  execute(actor: Actor, report: LocationReport): Promise<TrackingDecision> {
    return retryOnConcurrentUpdate(() => this.attempt(actor, report));
  }

  private async attempt(actor: Actor, report: LocationReport): Promise<TrackingDecision> {
    const delivery = await loadVisibleDelivery(this.deliveries, report.deliveryId, actor);
    assertTrackable(delivery, actor.userId);
    const now = this.clock.now();
    const point = pointOf(report, now);
    const decision = judgeTrackPoint(point, delivery.lastLocation, now, this.settings.tracking);
    if (!decision.kept) return decision;
    const keepNewest = this.settings.trackMaxPoints;
    const append = { deliveryId: delivery.id, version: delivery.version, point, keepNewest, at: now };
    await this.deliveries.appendPoint(append, this.events.located(delivery, point));
    return decision;
  }
}
