/** A courier's reported position. */
export interface TrackPoint {
  lat: number;
  lng: number;
  /** Metres, as reported by the device. */
  accuracy?: number;
  recordedAt: Date;
}

/** When a new point is worth keeping, relative to the last kept one. */
export interface TrackingSettings {
  /** Closer than this to the last kept point: dropped. */
  minDistanceM: number;
  /** Sooner than this after the last kept point: dropped. */
  minPeriodS: number;
  /** Implying a speed over this from the last kept point: dropped (a GPS jump). */
  maxSpeedKmh: number;
}

export const defaultTrackingSettings: TrackingSettings = { minDistanceM: 10, minPeriodS: 2, maxSpeedKmh: 200 };

/**
 * How far ahead of the server's clock a device's recordedAt may be (else one bad clock would make every later point
 * stale).
 */
export const MAX_CLOCK_AHEAD_MS = 60_000;

export const dropReasons = [
  'invalid_coordinates',
  'in_future',
  'not_newer',
  'too_close',
  'too_soon',
  'too_fast',
] as const;
export type DropReason = (typeof dropReasons)[number];
export type TrackingDecision = { kept: true } | { kept: false; reason: DropReason };

const EARTH_RADIUS_M = 6_371_008.8;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function haversineMeters(a: Pick<TrackPoint, 'lat' | 'lng'>, b: Pick<TrackPoint, 'lat' | 'lng'>): number {
  const dLat = radians(b.lat - a.lat);
  const dLng = radians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

function isValid(point: TrackPoint): boolean {
  const { lat, lng, accuracy, recordedAt } = point;
  const finite = Number.isFinite(lat) && Number.isFinite(lng) && Number.isFinite(recordedAt.getTime());
  return (
    finite &&
    lat >= -90 &&
    lat <= 90 &&
    lng >= -180 &&
    lng <= 180 &&
    (accuracy === undefined || (Number.isFinite(accuracy) && accuracy >= 0))
  );
}

const drop = (reason: DropReason): TrackingDecision => ({ kept: false, reason });

function judgeAgainst(last: TrackPoint, point: TrackPoint, settings: TrackingSettings): TrackingDecision {
  const seconds = (point.recordedAt.getTime() - last.recordedAt.getTime()) / 1000;
  if (seconds <= 0) return drop('not_newer');
  const metres = haversineMeters(last, point);
  if (metres < settings.minDistanceM) return drop('too_close');
  if (seconds < settings.minPeriodS) return drop('too_soon');
  if ((metres / seconds) * 3.6 > settings.maxSpeedKmh) return drop('too_fast');
  return { kept: true };
}

/**
 * Whether to keep a reported point: valid coordinates, not ahead of `now` by more than
 * MAX_CLOCK_AHEAD_MS, and against the last KEPT point (none: kept) newer, at least minDistanceM
 * away, at least minPeriodS later, and no faster than maxSpeedKmh from it.
 */
export function judgeTrackPoint(
  point: TrackPoint,
  last: TrackPoint | null,
  now: Date,
  settings: TrackingSettings,
): TrackingDecision {
  if (!isValid(point)) return drop('invalid_coordinates');
  if (point.recordedAt.getTime() - now.getTime() > MAX_CLOCK_AHEAD_MS) return drop('in_future');
  return last ? judgeAgainst(last, point, settings) : { kept: true };
}
