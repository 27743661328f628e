import { z } from 'zod';

/**
 * The fields of a courier's position report, as both the HTTP route and the Socket.IO event
 * `delivery.location` accept them. Coordinates out of range are not refused here: the tracking
 * filter drops them (`invalid_coordinates`), as it does any other unusable fix.
 */
export const locationFields = {
  lat: z.number().describe('degrees, -90..90'),
  lng: z.number().describe('degrees, -180..180'),
  accuracy: z.number().nonnegative().max(1_000_000).optional().describe('metres'),
  recordedAt: z.iso
    .datetime({ offset: true, message: 'expected an ISO 8601 date-time with an offset' })
    .transform((value) => new Date(value))
    .optional()
    .describe('when the device took the fix; default: now'),
};

/** The Socket.IO event `delivery.location`. */
export const locationEventSchema = z.object({ deliveryId: z.string().min(1).max(128), ...locationFields }).strict();
