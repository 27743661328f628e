import type { ShippingAddress } from '../../domain/orders/order.js';
import { haversineMeters } from '../../domain/delivery/tracking-filter.js';

export interface LatLng {
  lat: number;
  lng: number;
}

/**
 * The courier's round in Paris, about 2.3 km: from Place de la République down Boulevard du Temple and Boulevard
 * Beaumarchais to Bastille, then up Rue de la Roquette to the buyer's door.
 */
export const COURIER_ROUTE: readonly LatLng[] = [
  { lat: 48.86745, lng: 2.36365 },
  { lat: 48.8662, lng: 2.3647 },
  { lat: 48.8648, lng: 2.3656 },
  { lat: 48.8633, lng: 2.3664 },
  { lat: 48.8617, lng: 2.3671 },
  { lat: 48.8601, lng: 2.3676 },
  { lat: 48.8585, lng: 2.368 },
  { lat: 48.8569, lng: 2.3684 },
  { lat: 48.8553, lng: 2.3688 },
  { lat: 48.8538, lng: 2.3692 },
  { lat: 48.8533, lng: 2.3701 },
  { lat: 48.8542, lng: 2.372 },
  { lat: 48.8552, lng: 2.3742 },
  { lat: 48.856, lng: 2.3762 },
  { lat: 48.8568, lng: 2.3782 },
];

/** Where the route ends: the demo buyers' (and winning bots') shipping address. */
export function demoShippingAddress(name: string): ShippingAddress {
  return { name, line1: '62 rue de la Roquette', city: 'Paris', postalCode: '75011', country: 'FR' };
}

/** A scooter in town, about 29 km/h: far under the tracking filter's 200 km/h and over its 10 m between points. */
const COURIER_SPEED_MPS = 8;
/** The least step, whatever the interval, so that no fix is dropped as too close (TRACKING_MIN_DISTANCE_M 10 m). */
const MIN_STEP_M = 15;

/** How far the courier moves between two fixes `intervalMs` apart. */
export function stepMetresFor(intervalMs: number): number {
  return Math.max(MIN_STEP_M, (COURIER_SPEED_MPS * intervalMs) / 1000);
}

function between(a: LatLng, b: LatLng, share: number): LatLng {
  return { lat: a.lat + (b.lat - a.lat) * share, lng: a.lng + (b.lng - a.lng) * share };
}

/**
 * The fixes a courier reports along `route`, `stepMetres` apart along the way (so about that far apart in a
 * straight line too; the last step up to one and a half), from the first waypoint to the last.
 */
export function routePositions(route: readonly LatLng[], stepMetres: number): LatLng[] {
  const positions: LatLng[] = [route[0]!];
  let carried = 0; // metres walked since the last fix, at the start of each leg
  for (let leg = 1; leg < route.length; leg += 1) {
    const [from, to] = [route[leg - 1]!, route[leg]!];
    const length = haversineMeters(from, to);
    let at = stepMetres - carried;
    for (; at <= length; at += stepMetres) positions.push(between(from, to, at / length));
    carried = length - (at - stepMetres);
  }
  // The end is a fix of its own, or replaces the fix just before it when that one is under half a step away.
  if (carried > stepMetres / 2) positions.push(route[route.length - 1]!);
  else if (carried > 0) positions[positions.length - 1] = route[route.length - 1]!;
  return positions;
}

/** The index of the position nearest to `point` (where a courier found on the road carries on from). */
export function nearestPosition(positions: readonly LatLng[], point: LatLng): number {
  let nearest = 0;
  positions.forEach((position, index) => {
    if (haversineMeters(position, point) < haversineMeters(positions[nearest]!, point)) nearest = index;
  });
  return nearest;
}
