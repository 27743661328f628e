import { deliveryStatuses } from '../../../domain/delivery/delivery.js';
import { dropReasons } from '../../../domain/delivery/tracking-filter.js';
import { locationFields } from '../../shared/delivery/location-input.js';
import { pageQuery, timestamp } from '../shared/schemas.js';
import { z } from '../openapi/zod-openapi.js';

const id = z.string().min(1).max(128);

export const deliveryIdParams = z.object({ id });
export const createDeliveryBody = z.object({ orderId: id }).strict().openapi('CreateDeliveryRequest');
export const assignCourierBody = z
  .object({ courierId: id.describe('a user with the courier role') })
  .strict()
  .openapi('AssignCourierRequest');
export const locationBody = z.object(locationFields).strict().openapi('LocationReport');

export const trackPointSchema = z
  .object({ lat: z.number(), lng: z.number(), accuracy: z.number().optional(), recordedAt: timestamp })
  .openapi('TrackPoint');

export const deliverySchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    buyerId: z.string(),
    sellerIds: z.array(z.string()),
    courierId: z.string().nullable(),
    status: z.enum(deliveryStatuses),
    lastLocation: trackPointSchema.nullable(),
    track: z.array(trackPointSchema).describe('kept points, oldest first (the newest DELIVERY_TRACK_MAX_POINTS)'),
    createdAt: timestamp,
    updatedAt: timestamp,
    assignedAt: timestamp.optional(),
    pickedUpAt: timestamp.optional(),
    deliveredAt: timestamp.optional(),
    cancelledAt: timestamp.optional().describe('(1.1) when its order was cancelled'),
  })
  .openapi('Delivery');

export const locationAnswerSchema = z
  .object({
    kept: z.boolean(),
    reason: z.enum(dropReasons).optional().describe('why the tracking filter dropped the point'),
  })
  .openapi('LocationAnswer');

export const listDeliveriesQuery = pageQuery.extend({ status: z.enum(deliveryStatuses).optional() });
export const deliverySummarySchema = deliverySchema.omit({ track: true }).openapi('DeliverySummary');
export const deliveryPageSchema = z
  .object({ items: z.array(deliverySummarySchema), nextCursor: z.string().nullable() })
  .openapi('DeliveryPage');
