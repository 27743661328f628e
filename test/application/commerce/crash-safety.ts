import { expect, it } from 'vitest';
import type { Topic } from '../../../src/application/shared/events/catalogue.js';
import type { Order } from '../../../src/domain/orders/order.js';
import { describeFault, everyFault, FaultPlan } from '../../support/fault-injection.js';
import { underFault } from '../../support/outbox-helpers.js';
import { address, buyer, commerceWorld, IN_CART, type CommerceUseCases, type CommerceWorld } from './commerce-world.js';

const checkoutCommand = { buyerId: buyer.userId, idempotencyKey: 'checkout-key-1', shippingAddress: address };
const payCommand = (orderId: string) => ({ orderId, paymentMethod: 'test_card', idempotencyKey: 'pay-key-0001' });
const NONE = IN_CART.map(() => 0);

/** A placed order of the whole cart, made with no fault. */
async function placedOrder(w: CommerceWorld): Promise<Order> {
  const order = await w.useCases().createOrder.execute({ ...checkoutCommand, idempotencyKey: 'setup-key-1' });
  await w.f.settle();
  return order;
}

interface Scenario {
  /** What the world holds before the command (a placed order for pay and cancel). */
  prepare(w: CommerceWorld): Promise<Order | undefined>;
  run(useCases: CommerceUseCases, order: Order | undefined): Promise<unknown>;
  /** The client's retry after the restart, and what it must answer. */
  retry(useCases: CommerceUseCases, order: Order | undefined): Promise<Order>;
  expected: Order['status'];
  /** The events of the order, once it is done. */
  topics: readonly Topic[];
}

/** A cancel whose write happened answers 409 to the retry: the order is cancelled already. */
async function cancelRetry(uc: CommerceUseCases, order: Order | undefined): Promise<Order> {
  try {
    return await uc.cancelOrder.execute(buyer, order!.id);
  } catch (error) {
    expect((error as { code?: string }).code).toBe('ORDER_INVALID_TRANSITION');
    return order!;
  }
}

const scenarios: Record<string, Scenario> = {
  checkout: {
    prepare: async () => undefined,
    run: (uc) => uc.createOrder.execute(checkoutCommand),
    retry: (uc) => uc.createOrder.execute(checkoutCommand),
    expected: 'pending_payment',
    topics: ['order.created'],
  },
  pay: {
    prepare: placedOrder,
    run: (uc, order) => uc.payOrder.execute(buyer, payCommand(order!.id)),
    retry: (uc, order) => uc.payOrder.execute(buyer, payCommand(order!.id)),
    expected: 'paid',
    topics: ['order.created', 'order.paid'],
  },
  cancel: {
    prepare: placedOrder,
    run: (uc, order) => uc.cancelOrder.execute(buyer, order!.id),
    retry: cancelRetry,
    expected: 'cancelled',
    topics: ['order.created', 'order.cancelled'],
  },
  // (1.1) A paid order is refunded first, then cancelled: a crash between the two is finished by the retry, refunded
  // once.
  'cancel paid': {
    prepare: async (w) => {
      const order = await placedOrder(w);
      const paid = await w.useCases().payOrder.execute(buyer, payCommand(order.id));
      await w.f.settle();
      return paid;
    },
    run: (uc, order) => uc.cancelOrder.execute(buyer, order!.id),
    retry: cancelRetry,
    expected: 'cancelled',
    topics: ['order.created', 'order.paid', 'order.cancelled'],
  },
};

/**
 * Every step of checkout, pay and cancel fails in turn (a throw at it; a crash after it, the
 * process dying there), then the app restarts on the same stores (new use cases, the sweeper,
 * the relay): the invariants hold after the sweeper, and again after the client retries the
 * same request, which then succeeds.
 */
export function crashSafetySuite(env: Record<string, string> = {}): void {
  for (const [name, scenario] of Object.entries(scenarios)) {
    it(`${name}: a throw at, or a crash after, every step is finished or undone; the retry succeeds once`, async () => {
      const steps = await recordSteps(env, scenario);
      expect(steps.length).toBeGreaterThan(2);
      for (const fault of everyFault(steps.length)) {
        const label = `${name}, ${describeFault(fault, steps)}`;
        const w = await commerceWorld(env);
        try {
          const order = await scenario.prepare(w);
          await underFault(() => scenario.run(w.useCases(new FaultPlan(fault)), order));
          const restarted = await w.restart();
          // A charge whose payment was not saved yet is allowed here: the retry completes it.
          await w.expectConsistent(`${label}, after the restart`, await reservedNow(w, name), { chargedUnpaid: true });
          const answer = await scenario.retry(restarted, order);
          const [only, ...others] = (await w.allOrders()).filter((o) => o.status !== 'failed');
          expect(others, `${label}: one order`).toEqual([]);
          expect(only, label).toMatchObject({ id: answer.id, status: scenario.expected });
          await w.expectConsistent(`${label}, after the retry`, NONE);
          expect(await w.cartOf(), `${label}: the cart is empty`).toEqual([]);
          if (scenario.expected !== 'cancelled')
            expect((await scenario.retry(w.useCases(), order)).id, `${label}: a second retry answers the same`).toBe(
              answer.id,
            );
          expectPublishedOnce(w, scenario.topics, label);
        } finally {
          await w.close();
        }
      }
    }, 120_000);
  }
}

async function recordSteps(env: Record<string, string>, scenario: Scenario): Promise<string[]> {
  const w = await commerceWorld(env);
  try {
    const plan = new FaultPlan();
    await scenario.run(w.useCases(plan), await scenario.prepare(w));
    return plan.steps;
  } finally {
    await w.close();
  }
}

/** After a checkout that did not sell, the cart keeps its reservations; after one that did, nothing is reserved. */
async function reservedNow(w: CommerceWorld, name: string): Promise<number[]> {
  if (name !== 'checkout') return NONE;
  const placed = (await w.allOrders()).some((o) => o.status === 'pending_payment');
  return placed ? NONE : IN_CART;
}

/** The one order's events: each published once (by id; delivery is at least once, consumers deduplicate). */
function expectPublishedOnce(w: CommerceWorld, topics: readonly Topic[], label: string): void {
  for (const topic of topics) {
    const ids = new Set(w.f.published.filter((e) => e.topic === topic).map((e) => e.id));
    expect(ids.size, `${label}: ${topic} published once`).toBe(1);
  }
}
