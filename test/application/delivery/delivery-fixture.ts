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
import type { EventPayloadInput, Topic } from '../../../src/application/shared/events/catalogue.js';
import { createEnvelope, type EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import type { EventBus } from '../../../src/application/shared/events/event-bus.js';
import { MemoryDeliveryRepository } from '../../../src/adapters/memory/delivery/memory-delivery-repository.js';
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

/** An EventBus that only records what is published (payloads checked against the catalogue). */
export class RecordingBus implements EventBus {
  readonly published: EventEnvelope[] = [];
  private readonly ids = new SequentialIdGenerator('event');

  constructor(private readonly clock: ManualClock) {}

  async publish<T extends Topic>(topic: T, payload: EventPayloadInput<T>): Promise<EventEnvelope<T>> {
    const envelope = createEnvelope(topic, payload, this.ids, this.clock);
    this.published.push(envelope);
    return envelope;
  }

  async publishEnvelope(envelope: EventEnvelope): Promise<void> {
    this.published.push(envelope);
  }

  subscribe(): void {}
  async start(): Promise<void> {}
  async close(): Promise<void> {}

  payloads(topic: Topic): Record<string, unknown>[] {
    return this.published.filter((e) => e.topic === topic).map((e) => e.payload as Record<string, unknown>);
  }
}

export const settings: DeliverySettings = { tracking: { minDistanceM: 10, minPeriodS: 2, maxSpeedKmh: 200 }, trackMaxPoints: 3 };

export function deliveryFixture() {
  const clock = new ManualClock('2026-03-01T10:00:00.000Z');
  const bus = new RecordingBus(clock);
  const deliveries = new MemoryDeliveryRepository();
  const orders = new Map<string, OrderForDelivery>();
  const deliveryOrders: DeliveryOrders = { order: async (id) => orders.get(id) ?? null };
  const couriers = new Set([courier.userId, otherCourier.userId]);
  const events = new DeliveryEvents(bus);
  const useCases = {
    create: new CreateDelivery(deliveries, deliveryOrders, new SequentialIdGenerator('delivery'), clock),
    assign: new AssignCourier(deliveries, { isCourier: async (id) => couriers.has(id) }, events, clock),
    pickUp: new PickUpDelivery(deliveries, deliveryOrders, events, clock),
    record: new RecordLocation(deliveries, events, clock, settings),
    complete: new CompleteDelivery(deliveries, events, clock),
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
  return { clock, bus, deliveries, orders, ...useCases, paidOrder, pending, assigned, inTransit, after };
}
