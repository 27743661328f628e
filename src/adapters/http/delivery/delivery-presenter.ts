import type { DeliverySummary } from '../../../application/delivery/ports/delivery-repository.js';
import type { Delivery } from '../../../domain/delivery/delivery.js';
import type { TrackPoint } from '../../../domain/delivery/tracking-filter.js';

const presentPoint = (point: TrackPoint) => ({ ...point, recordedAt: point.recordedAt.toISOString() });

/** A delivery as its parties see it: dates as ISO strings, no version. */
export function presentDelivery(delivery: Delivery) {
  const {
    version: _version,
    lastLocation,
    track,
    createdAt,
    updatedAt,
    assignedAt,
    pickedUpAt,
    deliveredAt,
    cancelledAt,
    ...rest
  } = delivery;
  const optional = { assignedAt, pickedUpAt, deliveredAt, cancelledAt };
  return {
    ...rest,
    lastLocation: lastLocation && presentPoint(lastLocation),
    track: track.map(presentPoint),
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    ...Object.fromEntries(Object.entries(optional).flatMap(([key, date]) => (date ? [[key, date.toISOString()]] : []))),
  };
}

/** A delivery in a list: as above, without the track. */
export function presentDeliverySummary(summary: DeliverySummary) {
  const { track: _track, ...rest } = presentDelivery({ ...summary, track: [] });
  return rest;
}
