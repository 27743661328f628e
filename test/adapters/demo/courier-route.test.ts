import { describe, expect, it } from 'vitest';
import {
  COURIER_ROUTE,
  nearestPosition,
  routePositions,
  stepMetresFor,
} from '../../../src/adapters/demo/courier-route.js';
import { haversineMeters } from '../../../src/domain/delivery/tracking-filter.js';

const routeLength = () =>
  COURIER_ROUTE.slice(1).reduce((metres, point, i) => metres + haversineMeters(COURIER_ROUTE[i]!, point), 0);

describe('the courier route', () => {
  it('is a city round of 1.5 to 2.5 km over 10 to 20 waypoints', () => {
    expect(COURIER_ROUTE.length).toBeGreaterThanOrEqual(10);
    expect(COURIER_ROUTE.length).toBeLessThanOrEqual(20);
    expect(routeLength()).toBeGreaterThan(1_500);
    expect(routeLength()).toBeLessThan(2_500);
  });

  it('moves about 8 m/s, never less than 15 m between fixes (the tracking filter drops fixes under 10 m)', () => {
    expect(stepMetresFor(3_000)).toBe(24);
    expect(stepMetresFor(500)).toBe(15);
  });

  it('spaces the fixes one step apart from the first waypoint to the last', () => {
    const positions = routePositions(COURIER_ROUTE, 24);
    expect(positions[0]).toEqual(COURIER_ROUTE[0]);
    expect(positions.at(-1)).toEqual(COURIER_ROUTE.at(-1));
    const steps = positions.slice(1).map((point, i) => haversineMeters(positions[i]!, point));
    // A fix past a corner is a shortcut across it; the last step takes up to half a step more.
    expect(Math.min(...steps)).toBeGreaterThan(10);
    expect(Math.max(...steps)).toBeLessThanOrEqual(36.01);
    expect(steps.slice(0, -1).every((metres) => metres <= 24.01)).toBe(true);
    expect(positions.length).toBe(Math.round(routeLength() / 24) + 1);
  });

  it('finds the fix nearest to a point', () => {
    const positions = routePositions(COURIER_ROUTE, 24);
    expect(nearestPosition(positions, positions[40]!)).toBe(40);
    const between = {
      lat: (positions[7]!.lat * 3 + positions[8]!.lat) / 4,
      lng: (positions[7]!.lng * 3 + positions[8]!.lng) / 4,
    };
    expect(nearestPosition(positions, between)).toBe(7);
  });
});
