import type { Container } from 'inversify';
import type { Config } from '../config.js';
import { CartApi } from '../application/cart/public.js';
import { OrderUseCases } from '../application/orders/use-cases.js';
import { CancelOrder } from '../application/orders/cancel-order/cancel-order.js';
import { ExpireUnpaidOrders } from '../application/orders/expire-unpaid-orders/expire-unpaid-orders.js';
import { OfferSecondChance } from '../application/orders/offer-second-chance/offer-second-chance.js';
import { OrderCancellation } from '../application/orders/order-cancellation.js';
import { SecondChanceBidders } from '../application/orders/ports/second-chance-bidders.js';
import { AuctionsApi } from '../application/auctions/public.js';
import { AuctionSecondChanceBidders } from '../adapters/in-process/auctions-orders-second-chance-bidders.js';
import { OrdersApi } from '../application/orders/public.js';
import { OrdersPublicApi } from '../application/orders/orders-public-api.js';
import { CreateAuctionOrder } from '../application/orders/create-auction-order/create-auction-order.js';
import { CreateOrder } from '../application/orders/create-order/create-order.js';
import { FollowDelivery } from '../application/orders/follow-delivery/follow-delivery.js';
import { GetOrder } from '../application/orders/get-order/get-order.js';
import { IdempotentRequests } from '../application/orders/idempotent-requests.js';
import { ListAllOrders } from '../application/orders/list-all-orders/list-all-orders.js';
import { ListOrders } from '../application/orders/list-orders/list-orders.js';
import { OrderEvents } from '../application/orders/order-events.js';
import { OrderPlacement } from '../application/orders/order-placement.js';
import { PayOrder } from '../application/orders/pay-order/pay-order.js';
import { IdempotencyStore } from '../application/orders/ports/idempotency-store.js';
import { OrderCheckout } from '../application/orders/ports/order-checkout.js';
import { OrderRepository } from '../application/orders/ports/order-repository.js';
import { PaymentGateway } from '../application/orders/ports/payment-gateway.js';
import { SettlePlacingOrders } from '../application/orders/settle-placing-orders/settle-placing-orders.js';
import { EventBus } from '../application/shared/events/event-bus.js';
import { EventFactory, EventFactoryToken } from '../application/shared/events/event-factory.js';
import { Clock } from '../application/shared/ports/clock.js';
import { IdGenerator } from '../application/shared/ports/id-generator.js';
import { CartOrderCheckout } from '../adapters/in-process/cart-orders-checkout.js';
import { MemoryIdempotencyStore } from '../adapters/memory/orders/memory-idempotency-store.js';
import { MemoryOrderRepository } from '../adapters/memory/orders/memory-order-repository.js';
import { MemoryOutbox, MemoryOutboxToken } from '../adapters/memory/shared/memory-outbox.js';
import { MongoOrderRepository } from '../adapters/mongo/orders/mongo-order-repository.js';
import { TestPaymentGateway } from '../adapters/payment/test-payment-gateway.js';
import { RedisIdempotencyStore } from '../adapters/redis/orders/redis-idempotency-store.js';
import { bindUseCase, bindUseCaseSet } from './bind-use-case.js';
import { indexed, mongoOf, redisOf } from './connections.js';
import { bindPorts, port, type PortTable } from './port-wiring.js';
import { mongoOutboxStore } from './outbox.js';
import { startPeriodicTask } from './periodic-task.js';

/** Orders' wiring table: orders in MongoDB, idempotency records in Redis, payments through the test provider. */
export function orderPorts(): PortTable {
  return [
    port<OrderRepository>({
      name: 'orderRepository',
      token: OrderRepository,
      adapters: {
        memory: (container) => new MemoryOrderRepository(container.get<MemoryOutbox>(MemoryOutboxToken)),
        mongodb: async (container) =>
          indexed(new MongoOrderRepository(mongoOf(container), await mongoOutboxStore(container, 'orders'))),
      },
    }),
    port<IdempotencyStore>({
      name: 'idempotencyStore',
      token: IdempotencyStore,
      adapters: {
        memory: (container) => new MemoryIdempotencyStore(container.get<Clock>(Clock)),
        redis: (container) => new RedisIdempotencyStore(...redisOf(container)),
      },
    }),
    port<PaymentGateway>({
      name: 'paymentGateway',
      token: PaymentGateway,
      labels: { memory: 'test provider' },
      adapters: { memory: (container) => new TestPaymentGateway(container.get<Clock>(Clock)) },
    }),
  ];
}

/** Orders: creation from the cart, payment through the test provider, cancellation. */
export async function bindOrders(container: Container, config: Config): Promise<void> {
  await bindPorts(container, config, orderPorts());
  const { checkoutTimeoutMs, paymentDeadlines } = config.orders;
  container
    .bind<SecondChanceBidders>(SecondChanceBidders)
    .toResolvedValue((auctions: AuctionsApi) => new AuctionSecondChanceBidders(auctions), [AuctionsApi]);
  container
    .bind<OrderCheckout>(OrderCheckout)
    .toResolvedValue((cart: CartApi) => new CartOrderCheckout(cart), [CartApi]);
  container.bind(OrderEvents).toResolvedValue((factory: EventFactory) => new OrderEvents(factory), [EventFactoryToken]);
  container
    .bind(IdempotentRequests)
    .toResolvedValue((store: IdempotencyStore) => new IdempotentRequests(store, checkoutTimeoutMs), [IdempotencyStore]);
  const bind = bindUseCase(container);
  container
    .bind(OrderPlacement)
    .toResolvedValue(
      (orders: OrderRepository, checkout: OrderCheckout, events: OrderEvents, clock: Clock) =>
        new OrderPlacement(orders, checkout, events, clock, paymentDeadlines),
      [OrderRepository, OrderCheckout, OrderEvents, Clock],
    );
  bind(OrderCancellation, [OrderRepository, OrderCheckout, PaymentGateway, OrderEvents, Clock]);
  bind(CreateOrder, [OrderRepository, OrderCheckout, OrderPlacement, IdempotentRequests, IdGenerator, Clock]);
  bind(PayOrder, [OrderRepository, PaymentGateway, OrderEvents, IdempotentRequests, Clock]);
  bind(CancelOrder, [OrderRepository, OrderCancellation]);
  bind(ExpireUnpaidOrders, [OrderRepository, OrderCancellation, Clock]);
  bind(OfferSecondChance, [OrderRepository, OrderCheckout, OrderPlacement, SecondChanceBidders, IdGenerator, Clock]);
  bind(CreateAuctionOrder, [OrderRepository, OrderCheckout, OrderPlacement, IdGenerator, Clock]);
  bind(FollowDelivery, [OrderRepository, OrderEvents]);
  bind(GetOrder, [OrderRepository]);
  bind(ListOrders, [OrderRepository]);
  bind(ListAllOrders, [OrderRepository]);
  bindUseCaseSet(container, OrderUseCases, {
    createOrder: CreateOrder,
    listOrders: ListOrders,
    getOrder: GetOrder,
    payOrder: PayOrder,
    cancelOrder: CancelOrder,
    listAllOrders: ListAllOrders,
  });
  container
    .bind<OrdersApi>(OrdersApi)
    .toResolvedValue((orders: OrderRepository) => new OrdersPublicApi(orders), [OrderRepository]);
  container
    .bind(SettlePlacingOrders)
    .toResolvedValue(
      (orders: OrderRepository, placement: OrderPlacement, clock: Clock) =>
        new SettlePlacingOrders(orders, placement, clock, checkoutTimeoutMs),
      [OrderRepository, OrderPlacement, Clock],
    );
}

/**
 * The orders' consumers (the winner of an auction gets an order; orders follow their delivery); registered before the
 * bus starts.
 */
export function subscribeOrders(container: Container): void {
  const bus = container.get<EventBus>(EventBus);
  bus.subscribe({
    consumer: CreateAuctionOrder.consumer,
    topics: ['auction.ended'],
    handler: (event) => container.get(CreateAuctionOrder).handle(event),
  });
  bus.subscribe({
    consumer: OfferSecondChance.consumer,
    topics: ['order.cancelled'],
    handler: async (event) => {
      await container.get(OfferSecondChance).handle(event);
    },
  });
  bus.subscribe({
    consumer: FollowDelivery.consumer,
    topics: ['delivery.assigned', 'delivery.picked_up', 'delivery.completed'],
    handler: (event) => container.get(FollowDelivery).handle(event),
  });
}

/**
 * On every instance, every ORDER_SWEEP_INTERVAL_MS: settle the `placing` orders of checkouts that
 * died, and cancel the orders past their payment deadline.
 */
export function startOrders(container: Container, config: Config): void {
  const settle = container.get(SettlePlacingOrders);
  startPeriodicTask(container, 'placing-orders-sweeper', config.orders.sweepIntervalMs, () => settle.execute());
  const expire = container.get(ExpireUnpaidOrders);
  startPeriodicTask(container, 'payment-deadline-sweeper', config.orders.sweepIntervalMs, () => expire.execute());
}
