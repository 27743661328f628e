import type { DeliveryUseCases } from '../../../application/delivery/use-cases.js';
import type { ApiRouter } from '../api-router.js';
import { presentDelivery } from './delivery-presenter.js';
import {
  assignCourierBody,
  createDeliveryBody,
  deliveryIdParams,
  deliverySchema,
  locationAnswerSchema,
  locationBody,
} from './delivery-schemas.js';
import { resourcePath } from '../created-location.js';

const tag = 'Delivery';
const signedIn = { 401: { description: 'not signed in' } };
const notFound = { 404: { description: 'no such delivery, or not yours to see' } };
const answer = { description: 'the delivery', schema: deliverySchema };
const courierOnly = { 403: { description: 'DELIVERY_NOT_COURIER: not its courier' } };

export function deliveryRoutes(api: ApiRouter, useCases: DeliveryUseCases): void {
  api.route({
    method: 'post',
    path: '/deliveries',
    operationId: 'createDelivery',
    tag,
    summary: 'Ask for the delivery of a paid order (a seller of the order, or an admin); one per order',
    auth: ['seller', 'admin'],
    body: createDeliveryBody,
    responses: {
      201: { description: 'the delivery, pending', schema: deliverySchema },
      403: { description: 'DELIVERY_NOT_SELLER: not a seller of the order' },
      404: { description: 'DELIVERY_ORDER_NOT_FOUND: no such order, or not yours to see' },
      409: { description: 'DELIVERY_ORDER_NOT_PAID, or DELIVERY_ALREADY_EXISTS' },
      ...signedIn,
    },
    handler: async ({ principal, body }) => ({
      status: 201,
      body: presentDelivery(await useCases.createDelivery.execute(principal, body.orderId)),
    }),
    location: ({ id }) => resourcePath('deliveries', id),
  });
  api.route({
    method: 'post',
    path: '/deliveries/:id/assign',
    operationId: 'assignCourier',
    tag,
    summary: 'Assign a courier (admin); another courier may be assigned until pickup',
    auth: ['admin'],
    params: deliveryIdParams,
    body: assignCourierBody,
    responses: {
      200: answer,
      400: { description: 'DELIVERY_NOT_A_COURIER: courierId is not a courier' },
      403: { description: 'not an admin' },
      409: { description: 'DELIVERY_INVALID_TRANSITION: picked up already' },
      ...notFound,
      ...signedIn,
    },
    handler: async ({ principal, params, body }) => ({
      status: 200,
      body: presentDelivery(await useCases.assignCourier.execute(principal, params.id, body.courierId)),
    }),
  });
  api.route({
    method: 'post',
    path: '/deliveries/:id/pickup',
    operationId: 'pickUpDelivery',
    tag,
    summary: 'Its courier picks the parcel up: in_transit; the order becomes shipped',
    auth: true,
    params: deliveryIdParams,
    responses: {
      200: answer,
      ...courierOnly,
      409: { description: 'DELIVERY_INVALID_TRANSITION, or DELIVERY_ORDER_CANCELLED' },
      ...notFound,
      ...signedIn,
    },
    handler: async ({ principal, params }) => ({
      status: 200,
      body: presentDelivery(await useCases.pickUpDelivery.execute(principal, params.id)),
    }),
  });
  api.route({
    method: 'post',
    path: '/deliveries/:id/location',
    operationId: 'reportDeliveryLocation',
    tag,
    summary:
      'Its courier reports a position (assigned or in transit); the tracking filter keeps it or says why not (also ' +
      "Socket.IO 'delivery.location')",
    auth: true,
    params: deliveryIdParams,
    body: locationBody,
    responses: {
      202: { description: 'judged: kept, or dropped with the reason', schema: locationAnswerSchema },
      400: { description: 'bad input' },
      ...courierOnly,
      409: { description: 'DELIVERY_INVALID_TRANSITION: not assigned nor in transit' },
      ...notFound,
      ...signedIn,
    },
    handler: async ({ principal, params, body }) => ({
      status: 202,
      body: await useCases.recordLocation.execute(principal, { deliveryId: params.id, ...body }),
    }),
  });
  api.route({
    method: 'post',
    path: '/deliveries/:id/complete',
    operationId: 'completeDelivery',
    tag,
    summary: 'Its courier hands the parcel over: delivered; the order becomes delivered',
    auth: true,
    params: deliveryIdParams,
    responses: {
      200: answer,
      ...courierOnly,
      409: { description: 'DELIVERY_INVALID_TRANSITION: not in transit' },
      ...notFound,
      ...signedIn,
    },
    handler: async ({ principal, params }) => ({
      status: 200,
      body: presentDelivery(await useCases.completeDelivery.execute(principal, params.id)),
    }),
  });
  api.route({
    method: 'get',
    path: '/deliveries/:id',
    operationId: 'getDelivery',
    tag,
    summary: 'A delivery with its track: its buyer, a seller, its courier and admins',
    auth: true,
    params: deliveryIdParams,
    responses: { 200: answer, ...notFound, ...signedIn },
    handler: async ({ principal, params }) => ({
      status: 200,
      body: presentDelivery(await useCases.getDelivery.execute(principal, params.id)),
    }),
  });
}
