import { AssignCourier } from '../../../src/application/delivery/assign-courier/assign-courier.js';
import { CompleteDelivery } from '../../../src/application/delivery/complete-delivery/complete-delivery.js';
import { CreateDelivery } from '../../../src/application/delivery/create-delivery/create-delivery.js';
import { DeliveryAccess } from '../../../src/application/delivery/delivery-access.js';
import { DeliveryEvents } from '../../../src/application/delivery/delivery-events.js';
import type { DeliverySettings } from '../../../src/application/delivery/delivery-settings.js';
import { GetDelivery } from '../../../src/application/delivery/get-delivery/get-delivery.js';
import { PickUpDelivery } from '../../../src/application/delivery/pick-up-delivery/pick-up-delivery.js';
import type { DeliveryOrders, OrderForDelivery } from '../../../src/application/delivery/ports/delivery-orders.js';
import { RecordLocation } from '../../../src/application/delivery/record-location/record-location.js';
import type { Actor } from '../../../src/application/shared/actor.js';
import { MemoryDeliveryRepository } from '../../../src/adapters/memory/delivery/memory-delivery-repository.js';
import { memoryOutboxRig } from '../../support/outbox-helpers.js';
import { ManualClock } from '../../../src/adapters/memory/shared/manual-clock.js';
import { SequentialIdGenerator } from '../../../src/adapters/memory/shared/sequential-id-generator.js';
import type { Delivery } from '../../../src/domain/delivery/delivery.js';

export const buyer: Actor = { userId: 'buyer-1', roles: ['buyer'] };
export const seller: Actor = { userId: 'seller-1', roles: ['seller'] };
export const otherSeller: Actor = { userId: 'seller-2', roles: ['seller'] };
export const courier: Actor = { userId: 'courier-1', roles: ['courier'] };
export const otherCourier: Actor = { userId: 'courier-2', roles: ['courier'] };
export const admin: Actor = { userId: 'admin-1', roles: ['admin'] };
export const stranger: Actor = { userId: 'stranger-1', roles: ['buyer', 'seller', 'courier'] };

export const settings: DeliverySettings = {
  tracking: { minDistanceM: 10, minPeriodS: 2, maxSpeedKmh: 200 },
  trackMaxPoints: 3,
};

/**
 * The delivery use cases on a memory repository whose outbox a relay publishes to a RecordingBus,
 * only when asked (`published(topic)` flushes it first).
 */
export function deliveryFixture() {
  const clock = new ManualClock('2026-03-01T10:00:00.000Z');
  const rig = memoryOutboxRig(clock);
  const deliveries = new MemoryDeliveryRepository(rig.outbox);
  const orders = new Map<string, OrderForDelivery>();
  const deliveryOrders: DeliveryOrders = { order: async (id) => orders.get(id) ?? null };
  const couriers = new Set([courier.userId, otherCourier.userId]);
  const courierDirectory = { isCourier: async (id: string) => couriers.has(id) };
  const deliveryEvents = new DeliveryEvents(rig.events);
  const useCases = {
    create: new CreateDelivery(deliveries, deliveryOrders, new SequentialIdGenerator('delivery'), clock),
    assign: new AssignCourier(deliveries, courierDirectory, deliveryEvents, clock),
    pickUp: new PickUpDelivery(deliveries, deliveryOrders, deliveryEvents, clock),
    record: new RecordLocation(deliveries, deliveryEvents, clock, settings),
    complete: new CompleteDelivery(deliveries, deliveryEvents, clock),
    get: new GetDelivery(deliveries),
    access: new DeliveryAccess(deliveries),
  };
  let orderCount = 0;
  /** A paid order of buyer-1 with items of seller-1 and seller-2. */
  const paidOrder = (status = 'paid'): string => {
    orderCount += 1;
    const id = `order-${orderCount}`;
    orders.set(id, { id, buyerId: buyer.userId, sellerIds: [seller.userId, otherSeller.userId], status });
    return id;
  };
  const pending = async (): Promise<Delivery> => useCases.create.execute(seller, paidOrder());
  const assigned = async (): Promise<Delivery> => useCases.assign.execute(admin, (await pending()).id, courier.userId);
  const inTransit = async (): Promise<Delivery> => useCases.pickUp.execute(courier, (await assigned()).id);
  /** `seconds` after the fixture's start, as a Date. */
  const after = (seconds: number) => new Date(Date.parse('2026-03-01T10:00:00.000Z') + seconds * 1000);
  return {
    clock,
    ...rig,
    deliveries,
    orders,
    deliveryOrders,
    courierDirectory,
    deliveryEvents,
    ...useCases,
    paidOrder,
    pending,
    assigned,
    inTransit,
    after,
  };
}
