import { expect } from 'vitest';
import { AddToCart } from '../../../src/application/cart/add-to-cart/add-to-cart.js';
import { GetCart } from '../../../src/application/cart/get-cart/get-cart.js';
import { CartCatalog } from '../../../src/application/cart/ports/cart-catalog.js';
import { CartRepository } from '../../../src/application/cart/ports/cart-repository.js';
import { StockLedger } from '../../../src/application/cart/ports/stock-ledger.js';
import { CreateCategory } from '../../../src/application/catalog/create-category/create-category.js';
import { ListingRepository } from '../../../src/application/catalog/ports/listing-repository.js';
import { CancelOrder } from '../../../src/application/orders/cancel-order/cancel-order.js';
import { CreateAuctionOrder } from '../../../src/application/orders/create-auction-order/create-auction-order.js';
import { CreateOrder } from '../../../src/application/orders/create-order/create-order.js';
import { IdempotentRequests } from '../../../src/application/orders/idempotent-requests.js';
import { OrderEvents } from '../../../src/application/orders/order-events.js';
import { OrderPlacement } from '../../../src/application/orders/order-placement.js';
import { PayOrder } from '../../../src/application/orders/pay-order/pay-order.js';
import { IdempotencyStore } from '../../../src/application/orders/ports/idempotency-store.js';
import { OrderRepository } from '../../../src/application/orders/ports/order-repository.js';
import {
  PaymentGateway,
  type PaymentResult,
  type RefundResult,
} from '../../../src/application/orders/ports/payment-gateway.js';
import { OrderCancellation } from '../../../src/application/orders/order-cancellation.js';
import { SettlePlacingOrders } from '../../../src/application/orders/settle-placing-orders/settle-placing-orders.js';
import type { EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import { Clock } from '../../../src/application/shared/ports/clock.js';
import { IdGenerator } from '../../../src/application/shared/ports/id-generator.js';
import { CartOrderCheckout } from '../../../src/adapters/in-process/cart-orders-checkout.js';
import { CartPublicApi } from '../../../src/application/cart/cart-public-api.js';
import type { Config } from '../../../src/config.js';
import { ConfigToken } from '../../../src/container.js';
import { isPlaced, type Order } from '../../../src/domain/orders/order.js';
import type { Redis } from 'ioredis';
import type { Db } from 'mongodb';
import { MongoDbToken } from '../../../src/adapters/mongo/mongo-connection.js';
import { RedisKeyPrefix, RedisToken } from '../../../src/adapters/redis/redis-connection.js';
import type { FaultPlan } from '../../support/fault-injection.js';
import { uniqueName } from '../../support/real-services.js';
import { draftListing } from '../../support/listing-drafts.js';
import { quietRelayFixture, type IdentityFixture } from '../identity/identity-fixture.js';

export const address = { name: 'Ada', line1: '1 rue', city: 'Paris', postalCode: '75001', country: 'FR' };
export const buyer = { userId: 'buyer-1', roles: ['buyer'] };
/** Stock of each listing, and what the buyer puts in the cart of each. */
export const STOCK = [5, 3];
export const IN_CART = [2, 1];

/** The payment provider's view: how many payments (and refunds) it made per order (a real one each). */
class CountingGateway implements PaymentGateway {
  readonly payments = new Map<string, Set<string>>();
  readonly refunds = new Map<string, Set<string>>();

  constructor(private readonly inner: PaymentGateway) {}

  async charge(request: {
    orderId: string;
    amount: { amount: number; currency: string };
    paymentMethod: string;
  }): Promise<PaymentResult> {
    const result = await this.inner.charge(request);
    if (result.ok)
      this.payments.set(request.orderId, (this.payments.get(request.orderId) ?? new Set()).add(result.paymentId));
    return result;
  }

  async refund(request: { orderId: string; amount: { amount: number; currency: string } }): Promise<RefundResult> {
    const result = await this.inner.refund(request);
    if (result.ok)
      this.refunds.set(request.orderId, (this.refunds.get(request.orderId) ?? new Set()).add(result.refund.id));
    return result;
  }
}

export interface CommerceUseCases {
  createOrder: CreateOrder;
  createAuctionOrder: CreateAuctionOrder;
  payOrder: PayOrder;
  cancelOrder: CancelOrder;
  settlePlacing: SettlePlacingOrders;
}

/**
 * The app on memory (or on the real servers `env` names) with its relay stopped (events wait in
 * the outboxes until settle()), two published listings and a buyer whose cart holds some of each.
 * `useCases(plan)` builds the orders' commands over the app's own stores, each port wrapped by the
 * fault plan: the "process" that runs them dies when the plan says; a new set of use cases (no
 * plan) is the process after a restart, on the same stores.
 */
export async function commerceWorld(realServers: Record<string, string> = {}) {
  // On real servers, a database and a key prefix of its own, dropped by close().
  const env = realServers.MONGO_URL
    ? { ...realServers, MONGO_DB: uniqueName('uty_crash'), REDIS_KEY_PREFIX: `${uniqueName('uty')}:` }
    : realServers;
  const f: IdentityFixture = await quietRelayFixture(env);
  const c = f.container;
  const category = await c.get(CreateCategory).execute({ adminId: 'admin', name: 'Things' });
  const listings = c.get<ListingRepository>(ListingRepository);
  const ledger = c.get<StockLedger>(StockLedger);
  const gateway = new CountingGateway(c.get<PaymentGateway>(PaymentGateway));
  const timeoutMs = c.get<Config>(ConfigToken).orders.checkoutTimeoutMs;
  const listingIds: string[] = [];
  for (const quantity of STOCK) {
    const draft = await draftListing(c, category.id, quantity);
    await listings.save({ ...draft, status: 'published', publishedAt: f.clock.now(), version: draft.version + 1 }, []);
    await ledger.setOnHand(draft.id, quantity);
    listingIds.push(draft.id);
  }
  for (const [i, listingId] of listingIds.entries())
    await c.get(AddToCart).execute(buyer.userId, listingId, IN_CART[i]!);
  await f.settle();

  const useCases = (plan?: FaultPlan): CommerceUseCases => {
    const wrap = <T extends object>(name: string, port: T): T => (plan ? plan.wrap(name, port) : port);
    const orders = wrap('orders', c.get<OrderRepository>(OrderRepository));
    const checkout = new CartOrderCheckout(
      new CartPublicApi(
        wrap('carts', c.get<CartRepository>(CartRepository)),
        wrap('ledger', ledger),
        c.get<CartCatalog>(CartCatalog),
      ),
    );
    const events = c.get(OrderEvents);
    const clock = c.get<Clock>(Clock);
    const placement = new OrderPlacement(orders, checkout, events, clock);
    const idempotent = new IdempotentRequests(
      wrap('idempotency', c.get<IdempotencyStore>(IdempotencyStore)),
      timeoutMs,
    );
    return {
      createOrder: new CreateOrder(orders, checkout, placement, idempotent, c.get<IdGenerator>(IdGenerator), clock),
      createAuctionOrder: new CreateAuctionOrder(orders, checkout, placement, c.get<IdGenerator>(IdGenerator), clock),
      payOrder: new PayOrder(orders, wrap('payments', gateway), events, idempotent, clock),
      cancelOrder: new CancelOrder(
        orders,
        new OrderCancellation(orders, checkout, wrap('payments', gateway), events, clock),
      ),
      settlePlacing: new SettlePlacingOrders(orders, placement, clock, timeoutMs),
    };
  };

  /** Every order of the buyer, whatever its status. */
  const allOrders = async (): Promise<Order[]> => {
    const orders = c.get<OrderRepository>(OrderRepository);
    const placed = (await orders.list({ buyerId: buyer.userId }, { limit: 100 })).items;
    const placing = (await orders.listPlacing(new Date(f.clock.now().getTime() + 1), 100)).filter(
      (o) => o.buyerId === buyer.userId,
    );
    return [...placed, ...placing];
  };

  /** After a restart: the dead process's claims and placing orders are older than the checkout timeout. */
  const restart = async (): Promise<CommerceUseCases> => {
    f.clock.advance(timeoutMs + 1);
    // A lease on a real Redis runs on the real clock.
    if (env.REDIS_URL) await new Promise((resolve) => setTimeout(resolve, timeoutMs + 50));
    const fresh = useCases();
    await fresh.settlePlacing.execute();
    return fresh;
  };

  /**
   * The invariants once the outboxes are published and their consumers are done:
   * - ledger: onHand + units in placed, not cancelled orders = initial stock; what is still
   *   reserved is the buyer's cart (`reservedInCart`), never more;
   * - each listing's quantity (fed by the events) = the ledger's onHand;
   * - every placed order has exactly one `order.created` (by id), a failed attempt none;
   * - a paid order was charged once, an order not paid was not charged (`chargedUnpaid`: or once,
   *   when the process died between the charge and the save, before the retry);
   * - every `order.cancelled` order got its units back once (the ledger figures above).
   * - a paid order that was cancelled was refunded once, and shows that refund; none is refunded twice.
   */
  const expectConsistent = async (
    label: string,
    reservedInCart: number[],
    options: { chargedUnpaid?: boolean } = {},
  ): Promise<void> => {
    await f.settle();
    const orders = await allOrders();
    expect(
      orders.filter((o) => o.status === 'placing'),
      `${label}: no order left placing`,
    ).toEqual([]);
    const live = orders.filter((o) => isPlaced(o) && o.status !== 'cancelled');
    for (const [i, listingId] of listingIds.entries()) {
      const level = (await ledger.level(listingId))!;
      const sold = live
        .flatMap((o) => o.items)
        .filter((item) => item.listingId === listingId)
        .reduce((n, item) => n + item.quantity, 0);
      expect(level.onHand + sold, `${label}: ledger onHand + sold = initial stock of listing ${i}`).toBe(STOCK[i]);
      expect(level.reserved, `${label}: reserved = the cart's`).toBe(reservedInCart[i]);
      expect((await listings.findById(listingId))?.quantity, `${label}: listing quantity = ledger onHand`).toBe(
        level.onHand,
      );
    }
    for (const order of orders) {
      const isCreated = (e: EventEnvelope): boolean =>
        e.topic === 'order.created' && (e.payload as { orderId: string }).orderId === order.id;
      const created = new Set(f.published.filter(isCreated).map((e) => e.id));
      expect(created.size, `${label}: order.created of ${order.status} order ${order.id}`).toBe(
        isPlaced(order) ? 1 : 0,
      );
      const payments = gateway.payments.get(order.id)?.size ?? 0;
      if (order.paidAt) expect(payments, `${label}: payments of a paid order`).toBe(1);
      else expect(payments, `${label}: payments of an unpaid order`).toBeLessThanOrEqual(options.chargedUnpaid ? 1 : 0);
      const refunds = gateway.refunds.get(order.id) ?? new Set<string>();
      expect(refunds.size, `${label}: refunds of order ${order.id}`).toBeLessThanOrEqual(1);
      if (order.status === 'cancelled' && order.paidAt)
        expect([...refunds], `${label}: a cancelled paid order shows its one refund`).toEqual([order.refund?.id]);
    }
  };

  const cartOf = async () => (await c.get(GetCart).execute(buyer.userId)).items.map((line) => line.quantity);

  const close = async () => {
    if (c.isBound(MongoDbToken)) await c.get<Db>(MongoDbToken).dropDatabase();
    if (c.isBound(RedisToken)) {
      const redis = c.get<Redis>(RedisToken);
      const keys = await redis.keys(`${c.get<string>(RedisKeyPrefix)}*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    await f.close();
  };

  return { f, listingIds, useCases, restart, allOrders, expectConsistent, cartOf, close };
}

export type CommerceWorld = Awaited<ReturnType<typeof commerceWorld>>;
