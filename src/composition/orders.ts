import type { Container } from 'inversify';
import type { Db } from 'mongodb';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { CartRepository } from '../application/cart/ports/cart-repository.js';
import { StockLedger } from '../application/cart/ports/stock-ledger.js';
import { CancelOrder } from '../application/orders/cancel-order/cancel-order.js';
import { ExpireUnpaidOrders } from '../application/orders/expire-unpaid-orders/expire-unpaid-orders.js';
import { OfferSecondChance } from '../application/orders/offer-second-chance/offer-second-chance.js';
import { OrderCancellation } from '../application/orders/order-cancellation.js';
import { SecondChanceBidders } from '../application/orders/ports/second-chance-bidders.js';
import { AuctionRepository } from '../application/auctions/ports/auction-repository.js';
import { BidRepository } from '../application/auctions/ports/bid-repository.js';
import { AuctionSecondChanceBidders } from '../adapters/in-process/auction-second-chance-bidders.js';
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
import { CartOrderCheckout } from '../adapters/in-process/cart-order-checkout.js';
import { MemoryIdempotencyStore } from '../adapters/memory/orders/memory-idempotency-store.js';
import { MemoryOrderRepository } from '../adapters/memory/orders/memory-order-repository.js';
import { MemoryOutbox, MemoryOutboxToken } from '../adapters/memory/shared/memory-outbox.js';
import { MongoOrderRepository } from '../adapters/mongo/orders/mongo-order-repository.js';
import { MongoDbToken } from '../adapters/mongo/mongo-connection.js';
import { TestPaymentGateway } from '../adapters/payment/test-payment-gateway.js';
import { RedisIdempotencyStore } from '../adapters/redis/orders/redis-idempotency-store.js';
import { RedisKeyPrefix, RedisToken } from '../adapters/redis/redis-connection.js';
import { bindUseCase } from './bind-use-case.js';
import { mongoOutboxStore } from './outbox.js';
import { startPeriodicTask } from './periodic-task.js';

async function bindStores(container: Container): Promise<void> {
  if (container.isBound(MongoDbToken)) {
    const orders = new MongoOrderRepository(container.get<Db>(MongoDbToken), await mongoOutboxStore(container, 'orders'));
    await orders.ensureIndexes();
    container.bind<OrderRepository>(OrderRepository).toConstantValue(orders);
  } else {
    const orders = new MemoryOrderRepository(container.get<MemoryOutbox>(MemoryOutboxToken));
    container.bind<OrderRepository>(OrderRepository).toConstantValue(orders);
  }
  const idempotency = container.isBound(RedisToken)
    ? new RedisIdempotencyStore(container.get<Redis>(RedisToken), container.get<string>(RedisKeyPrefix))
    : new MemoryIdempotencyStore(container.get<Clock>(Clock));
  container.bind<IdempotencyStore>(IdempotencyStore).toConstantValue(idempotency);
}

/** Orders: creation from the cart, payment through the test provider, cancellation. */
export async function bindOrders(container: Container, config: Config): Promise<void> {
  await bindStores(container);
  const { checkoutTimeoutMs, paymentDeadlines } = config.orders;
  container.bind<PaymentGateway>(PaymentGateway).toResolvedValue((clock: Clock) => new TestPaymentGateway(clock), [Clock]);
  container
    .bind<SecondChanceBidders>(SecondChanceBidders)
    .toResolvedValue((auctions: AuctionRepository, bids: BidRepository) => new AuctionSecondChanceBidders(auctions, bids), [AuctionRepository, BidRepository]);
  container.bind<OrderCheckout>(OrderCheckout).toResolvedValue((carts: CartRepository, ledger: StockLedger) => new CartOrderCheckout(carts, ledger), [CartRepository, StockLedger]);
  container.bind(OrderEvents).toResolvedValue((factory: EventFactory) => new OrderEvents(factory), [EventFactoryToken]);
  container
    .bind(IdempotentRequests)
    .toResolvedValue((store: IdempotencyStore) => new IdempotentRequests(store, checkoutTimeoutMs), [IdempotencyStore]);
  const bind = bindUseCase(container);
  container
    .bind(OrderPlacement)
    .toResolvedValue(
      (orders: OrderRepository, checkout: OrderCheckout, events: OrderEvents, clock: Clock) => new OrderPlacement(orders, checkout, events, clock, paymentDeadlines),
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
  container
    .bind(SettlePlacingOrders)
    .toResolvedValue(
      (orders: OrderRepository, placement: OrderPlacement, clock: Clock) => new SettlePlacingOrders(orders, placement, clock, checkoutTimeoutMs),
      [OrderRepository, OrderPlacement, Clock],
    );
}

/** The orders' consumers (the winner of an auction gets an order; orders follow their delivery); registered before the bus starts. */
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
