import { DomainError } from '../shared/domain-error.js';
import type { TrackPoint } from './tracking-filter.js';

/** `cancelled` (1.1): its order was cancelled; nobody acts on it any more. */
export const deliveryStatuses = ['pending', 'assigned', 'in_transit', 'delivered', 'cancelled'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** How many points a delivery keeps by default: the newest ones. */
export const DEFAULT_TRACK_MAX_POINTS = 500;

export interface Delivery {
  id: string;
  orderId: string;
  buyerId: string;
  sellerIds: string[];
  courierId: string | null;
  status: DeliveryStatus;
  /** The newest kept point of the track. */
  lastLocation: TrackPoint | null;
  /** Kept points, oldest first, capped to the newest N. */
  track: TrackPoint[];
  createdAt: Date;
  updatedAt: Date;
  assignedAt?: Date;
  pickedUpAt?: Date;
  deliveredAt?: Date;
  cancelledAt?: Date;
  /** Bumped on every change; saves are conditional on it. */
  version: number;
}

const invalidCourier = () => [{ field: 'courierId', message: 'must be a user with the courier role' }];

export const deliveryErrors = {
  notFound: () => new DomainError('not_found', 'DELIVERY_NOT_FOUND', 'delivery not found'),
  orderNotFound: () =>
    new DomainError('not_found', 'DELIVERY_ORDER_NOT_FOUND', 'order not found', {
      errors: [{ field: 'orderId', message: 'no such order' }],
    }),
  notSeller: () =>
    new DomainError('forbidden', 'DELIVERY_NOT_SELLER', 'only a seller of the order or an admin may ship it'),
  notAdmin: () => new DomainError('forbidden', 'DELIVERY_NOT_ADMIN', 'only an admin may assign a courier'),
  orderNotPaid: (orderStatus: string) =>
    new DomainError(
      'conflict',
      'DELIVERY_ORDER_NOT_PAID',
      `the order is ${orderStatus}: only a paid order is delivered`,
      { orderStatus },
    ),
  orderCancelled: () =>
    new DomainError('conflict', 'DELIVERY_ORDER_CANCELLED', 'the order was cancelled: nothing to pick up or deliver'),
  alreadyExists: (orderId: string) =>
    new DomainError('conflict', 'DELIVERY_ALREADY_EXISTS', `order ${orderId} already has a delivery`, { orderId }),
  notACourier: () =>
    new DomainError('invalid', 'DELIVERY_NOT_A_COURIER', 'courierId is not a courier', { errors: invalidCourier() }),
  notCourier: () =>
    new DomainError('forbidden', 'DELIVERY_NOT_COURIER', 'only the courier of this delivery may do that'),
  invalidTransition: (status: DeliveryStatus, action: string) =>
    new DomainError('conflict', 'DELIVERY_INVALID_TRANSITION', `cannot ${action} a delivery that is ${status}`, {
      deliveryStatus: status,
    }),
  concurrentUpdate: () =>
    new DomainError('conflict', 'DELIVERY_CONCURRENT_UPDATE', 'the delivery was changed meanwhile; read it again'),
};

export function createDelivery(input: {
  id: string;
  orderId: string;
  buyerId: string;
  sellerIds: string[];
  at: Date;
}): Delivery {
  const { at, ...ids } = input;
  return {
    ...ids,
    sellerIds: [...new Set(input.sellerIds)],
    courierId: null,
    status: 'pending',
    lastLocation: null,
    track: [],
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

function move(
  delivery: Delivery,
  from: readonly DeliveryStatus[],
  to: DeliveryStatus,
  action: string,
  at: Date,
): Delivery {
  if (delivery.status === 'cancelled') throw deliveryErrors.orderCancelled();
  if (!from.includes(delivery.status)) throw deliveryErrors.invalidTransition(delivery.status, action);
  return { ...delivery, status: to, updatedAt: at, version: delivery.version + 1 };
}

function assertCourier(delivery: Delivery, courierId: string): void {
  if (delivery.courierId === null || delivery.courierId !== courierId) throw deliveryErrors.notCourier();
}

/** Assigns (or, before pickup, reassigns) a courier. The courier it already has changes nothing (the same object). */
export function assignCourier(delivery: Delivery, courierId: string, at: Date): Delivery {
  if (delivery.status === 'assigned' && delivery.courierId === courierId) return delivery;
  return { ...move(delivery, ['pending', 'assigned'], 'assigned', 'assign', at), courierId, assignedAt: at };
}

/** Its courier takes the parcel: assigned -> in_transit. */
export function pickUp(delivery: Delivery, courierId: string, at: Date): Delivery {
  assertCourier(delivery, courierId);
  return { ...move(delivery, ['assigned'], 'in_transit', 'pick up', at), pickedUpAt: at };
}

/** Its courier hands the parcel over: in_transit -> delivered. */
export function completeDelivery(delivery: Delivery, courierId: string, at: Date): Delivery {
  assertCourier(delivery, courierId);
  return { ...move(delivery, ['in_transit'], 'delivered', 'complete', at), deliveredAt: at };
}

/**
 * Its order was cancelled: the delivery is cancelled too, from any status but delivered (an order
 * is cancelled before it ships, but the pickup may be on its way to the order). The courier can no
 * longer pick it up, track or complete it, nor an admin assign it (409 DELIVERY_ORDER_CANCELLED). Delivered or already
 * cancelled:
 * the same object (nothing to change).
 */
export function cancelDelivery(delivery: Delivery, at: Date): Delivery {
  if (delivery.status === 'delivered' || delivery.status === 'cancelled') return delivery;
  return { ...move(delivery, ['pending', 'assigned', 'in_transit'], 'cancelled', 'cancel', at), cancelledAt: at };
}

/** Only its courier reports positions, and only while assigned or in transit. */
export function assertTrackable(delivery: Delivery, courierId: string): void {
  assertCourier(delivery, courierId);
  if (delivery.status === 'cancelled') throw deliveryErrors.orderCancelled();
  if (delivery.status !== 'assigned' && delivery.status !== 'in_transit')
    throw deliveryErrors.invalidTransition(delivery.status, 'track');
}

/** The delivery with one more kept point: the newest `maxPoints` are kept. */
export function withTrackPoint(delivery: Delivery, point: TrackPoint, maxPoints: number, at: Date): Delivery {
  const track = [...delivery.track, point].slice(-maxPoints);
  return { ...delivery, track, lastLocation: point, updatedAt: at, version: delivery.version + 1 };
}

/** Its buyer, a seller of the order, its courier and admins may see (and watch) a delivery. */
export function isParty(delivery: Delivery, userId: string): boolean {
  return delivery.buyerId === userId || delivery.sellerIds.includes(userId) || delivery.courierId === userId;
}
