import type { TrackingSettings } from '../../domain/delivery/tracking-filter.js';

/** TRACKING_MIN_DISTANCE_M, TRACKING_MIN_PERIOD_S, TRACKING_MAX_SPEED_KMH and DELIVERY_TRACK_MAX_POINTS. */
export interface DeliverySettings {
  tracking: TrackingSettings;
  /** The track of a delivery keeps its newest this many points. */
  trackMaxPoints: number;
}
export const DeliverySettings = Symbol.for('DeliverySettings');
