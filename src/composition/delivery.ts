import type { Container } from 'inversify';
import type { Config } from '../config.js';
import { AssignCourier } from '../application/delivery/assign-courier/assign-courier.js';
import { DeliveryUseCases } from '../application/delivery/use-cases.js';
import { CancelOrderDelivery } from '../application/delivery/cancel-order-delivery/cancel-order-delivery.js';
import { CompleteDelivery } from '../application/delivery/complete-delivery/complete-delivery.js';
import { CreateDelivery } from '../application/delivery/create-delivery/create-delivery.js';
import { DeliveryAccess } from '../application/delivery/delivery-access.js';
import { DeliveryEvents } from '../application/delivery/delivery-events.js';
import { DeliverySettings } from '../application/delivery/delivery-settings.js';
import { GetDelivery } from '../application/delivery/get-delivery/get-delivery.js';
import { ListDeliveries } from '../application/delivery/list-deliveries/list-deliveries.js';
import { PickUpDelivery } from '../application/delivery/pick-up-delivery/pick-up-delivery.js';
import { CourierDirectory } from '../application/delivery/ports/courier-directory.js';
import { DeliveryOrders } from '../application/delivery/ports/delivery-orders.js';
import { DeliveryRepository } from '../application/delivery/ports/delivery-repository.js';
import { RecordLocation } from '../application/delivery/record-location/record-location.js';
import { IdentityApi } from '../application/identity/public.js';
import { OrdersApi } from '../application/orders/public.js';
import { EventBus } from '../application/shared/events/event-bus.js';
import { EventFactory, EventFactoryToken } from '../application/shared/events/event-factory.js';
import { Clock } from '../application/shared/ports/clock.js';
import { IdGenerator } from '../application/shared/ports/id-generator.js';
import { IdentityCourierDirectory } from '../adapters/in-process/identity-delivery-courier-directory.js';
import { OrdersDeliveryOrders } from '../adapters/in-process/orders-delivery-orders.js';
import { MemoryDeliveryRepository } from '../adapters/memory/delivery/memory-delivery-repository.js';
import { MemoryOutbox, MemoryOutboxToken } from '../adapters/memory/shared/memory-outbox.js';
import { MongoDeliveryRepository } from '../adapters/mongo/delivery/mongo-delivery-repository.js';
import { deliveryLocationHandler, deliveryRoomRule } from '../adapters/realtime/delivery/delivery-location-event.js';
import { RealtimeGateway } from '../adapters/realtime/realtime-gateway.js';
import { bindUseCase, bindUseCaseSet } from './bind-use-case.js';
import { indexed, mongoOf } from './connections.js';
import { bindPorts, port, type PortTable } from './port-wiring.js';
import { mongoOutboxStore } from './outbox.js';

/** Delivery's wiring table: deliveries in MongoDB. */
export function deliveryPorts(): PortTable {
  return [
    port<DeliveryRepository>({
      name: 'deliveryRepository',
      token: DeliveryRepository,
      adapters: {
        memory: (container) => new MemoryDeliveryRepository(container.get<MemoryOutbox>(MemoryOutboxToken)),
        mongodb: async (container) =>
          indexed(new MongoDeliveryRepository(mongoOf(container), await mongoOutboxStore(container, 'deliveries'))),
      },
    }),
  ];
}

function bindNeighbours(container: Container): void {
  container
    .bind<DeliveryOrders>(DeliveryOrders)
    .toResolvedValue((orders: OrdersApi) => new OrdersDeliveryOrders(orders), [OrdersApi]);
  container
    .bind<CourierDirectory>(CourierDirectory)
    .toResolvedValue((identity: IdentityApi) => new IdentityCourierDirectory(identity), [IdentityApi]);
}

/** Delivery: couriers, pickup, tracking and completion. Bind after identity and orders. */
export async function bindDelivery(container: Container, config: Config): Promise<void> {
  await bindPorts(container, config, deliveryPorts());
  bindNeighbours(container);
  container.bind<DeliverySettings>(DeliverySettings).toConstantValue(config.delivery);
  container
    .bind(DeliveryEvents)
    .toResolvedValue((factory: EventFactory) => new DeliveryEvents(factory), [EventFactoryToken]);
  const bind = bindUseCase(container);
  bind(CreateDelivery, [DeliveryRepository, DeliveryOrders, IdGenerator, Clock]);
  bind(AssignCourier, [DeliveryRepository, CourierDirectory, DeliveryEvents, Clock]);
  bind(PickUpDelivery, [DeliveryRepository, DeliveryOrders, DeliveryEvents, Clock]);
  bind(RecordLocation, [DeliveryRepository, DeliveryEvents, Clock, DeliverySettings]);
  bind(CompleteDelivery, [DeliveryRepository, DeliveryEvents, Clock]);
  bind(CancelOrderDelivery, [DeliveryRepository, DeliveryEvents, Clock]);
  bind(GetDelivery, [DeliveryRepository]);
  bind(ListDeliveries, [DeliveryRepository]);
  bind(DeliveryAccess, [DeliveryRepository]);
  bindUseCaseSet(container, DeliveryUseCases, {
    createDelivery: CreateDelivery,
    assignCourier: AssignCourier,
    pickUpDelivery: PickUpDelivery,
    recordLocation: RecordLocation,
    completeDelivery: CompleteDelivery,
    getDelivery: GetDelivery,
    listDeliveries: ListDeliveries,
  });
}

/**
 * The delivery module consumes `order.cancelled` (its delivery is cancelled too); the orders module follows it through
 * delivery.*.
 */
export function subscribeDelivery(container: Container): void {
  container.get<EventBus>(EventBus).subscribe({
    consumer: CancelOrderDelivery.consumer,
    topics: ['order.cancelled'],
    handler: async (event) => {
      await container.get(CancelOrderDelivery).handle(event);
    },
  });
}

/** After the realtime gateway is bound: who may watch a delivery, and couriers' `delivery.location` socket events. */
export function startDelivery(container: Container): void {
  const gateway = container.get(RealtimeGateway);
  gateway.authorizeRooms('delivery', deliveryRoomRule(container.get(DeliveryAccess)));
  gateway.handleClientEvent('delivery.location', deliveryLocationHandler(container.get(RecordLocation)));
}
