import { describe, expect, it } from 'vitest';
import {
  haversineMeters,
  judgeTrackPoint,
  type TrackingSettings,
  type TrackPoint,
} from '../../../src/domain/delivery/tracking-filter.js';

const settings: TrackingSettings = { minDistanceM: 10, minPeriodS: 2, maxSpeedKmh: 200 };
const t0 = new Date('2026-03-01T10:00:00Z');
const now = new Date('2026-03-01T10:10:00Z');
/** About 111.2 m per 0.001 degree of latitude. */
const point = (dLat: number, seconds: number, extra: Partial<TrackPoint> = {}): TrackPoint => ({
  lat: 48.85 + dLat,
  lng: 2.35,
  recordedAt: new Date(t0.getTime() + seconds * 1000),
  ...extra,
});
const last = point(0, 0);

describe('haversine distance', () => {
  it('measures a degree of latitude as about 111.2 km and a point to itself as 0', () => {
    expect(haversineMeters({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111_195, -1);
    expect(haversineMeters(last, last)).toBe(0);
    // Paris - London
    expect(haversineMeters({ lat: 48.8566, lng: 2.3522 }, { lat: 51.5074, lng: -0.1278 })).toBeCloseTo(343_500, -3);
  });
});

describe('tracking filter', () => {
  const cases: [string, TrackPoint, TrackPoint | null, string][] = [
    ['the first point', point(0, 0), null, 'kept'],
    ['111 m after 10 s (40 km/h)', point(0.001, 10), last, 'kept'],
    ['exactly minPeriodS later, far enough', point(0.0002, 2), last, 'kept'],
    ['lat above 90', point(0, 10, { lat: 90.1 }), last, 'invalid_coordinates'],
    ['lat below -90', point(0, 10, { lat: -90.5 }), null, 'invalid_coordinates'],
    ['lng above 180', point(0, 10, { lng: 180.01 }), last, 'invalid_coordinates'],
    ['lng below -180', point(0, 10, { lng: -181 }), last, 'invalid_coordinates'],
    ['a NaN coordinate', point(0, 10, { lat: Number.NaN }), last, 'invalid_coordinates'],
    ['an infinite coordinate', point(0, 10, { lng: Number.POSITIVE_INFINITY }), last, 'invalid_coordinates'],
    ['an invalid date', point(0, 10, { recordedAt: new Date('nope') }), last, 'invalid_coordinates'],
    ['a negative accuracy', point(0.001, 10, { accuracy: -1 }), last, 'invalid_coordinates'],
    [
      'recorded more than a minute ahead of the server',
      point(0.001, 10, { recordedAt: new Date(now.getTime() + 61_000) }),
      last,
      'in_future',
    ],
    ['recorded at the same instant as the last kept point', point(0.001, 0), last, 'not_newer'],
    ['recorded before the last kept point', point(0.001, -5), last, 'not_newer'],
    ['5.6 m away (closer than minDistanceM)', point(0.00005, 60), last, 'too_close'],
    ['111 m away 1 s later (sooner than minPeriodS)', point(0.001, 1), last, 'too_soon'],
    ['1.1 km in 10 s (400 km/h)', point(0.01, 10), last, 'too_fast'],
    ['a GPS jump of 100 km in a minute', point(0.9, 60), last, 'too_fast'],
  ];
  for (const [title, candidate, previous, expected] of cases) {
    it(`${title}: ${expected}`, () => {
      const decision = judgeTrackPoint(candidate, previous, now, settings);
      expect(decision.kept ? 'kept' : decision.reason).toBe(expected);
    });
  }

  it('reads its thresholds from the settings', () => {
    const candidate = point(0.001, 10); // 111 m in 10 s = 40 km/h
    expect(judgeTrackPoint(candidate, last, now, { ...settings, minDistanceM: 200 })).toEqual({
      kept: false,
      reason: 'too_close',
    });
    expect(judgeTrackPoint(candidate, last, now, { ...settings, minPeriodS: 30 })).toEqual({
      kept: false,
      reason: 'too_soon',
    });
    expect(judgeTrackPoint(candidate, last, now, { ...settings, maxSpeedKmh: 30 })).toEqual({
      kept: false,
      reason: 'too_fast',
    });
    expect(judgeTrackPoint(candidate, last, now, { minDistanceM: 0, minPeriodS: 0, maxSpeedKmh: 41 })).toEqual({
      kept: true,
    });
  });
});
