import type { Delivery } from '../../../domain/delivery/delivery.js';
import type { TrackPoint } from '../../../domain/delivery/tracking-filter.js';

const presentPoint = (point: TrackPoint) => ({ ...point, recordedAt: point.recordedAt.toISOString() });

/** A delivery as its parties see it: dates as ISO strings, no version. */
export function presentDelivery(delivery: Delivery) {
  const { version: _version, lastLocation, track, createdAt, updatedAt, assignedAt, pickedUpAt, deliveredAt, ...rest } = delivery;
  const optional = { assignedAt, pickedUpAt, deliveredAt };
  return {
    ...rest,
    lastLocation: lastLocation && presentPoint(lastLocation),
    track: track.map(presentPoint),
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    ...Object.fromEntries(Object.entries(optional).flatMap(([key, date]) => (date ? [[key, date.toISOString()]] : []))),
  };
}
