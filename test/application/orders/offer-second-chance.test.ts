import { describe, expect, it } from 'vitest';
import { auctionHolderId, CartPublicApi } from '../../../src/application/cart/cart-public-api.js';
import { CartCatalog } from '../../../src/application/cart/ports/cart-catalog.js';
import { CartRepository } from '../../../src/application/cart/ports/cart-repository.js';
import { StockLedger } from '../../../src/application/cart/ports/stock-ledger.js';
import { ExpireUnpaidOrders } from '../../../src/application/orders/expire-unpaid-orders/expire-unpaid-orders.js';
import { OfferSecondChance } from '../../../src/application/orders/offer-second-chance/offer-second-chance.js';
import { OrderCancellation } from '../../../src/application/orders/order-cancellation.js';
import { OrderEvents } from '../../../src/application/orders/order-events.js';
import { OrderPlacement } from '../../../src/application/orders/order-placement.js';
import { OrderRepository } from '../../../src/application/orders/ports/order-repository.js';
import type { SecondChanceBidders } from '../../../src/application/orders/ports/second-chance-bidders.js';
import { envelopeWithId, type EventEnvelope } from '../../../src/application/shared/events/envelope.js';
import { Clock } from '../../../src/application/shared/ports/clock.js';
import { IdGenerator } from '../../../src/application/shared/ports/id-generator.js';
import { CartOrderCheckout } from '../../../src/adapters/in-process/cart-orders-checkout.js';
import { describeFault, everyFault, FaultPlan } from '../../support/fault-injection.js';
import { underFault } from '../../support/outbox-helpers.js';
import { commerceWorld, IN_CART, STOCK, type CommerceWorld } from '../commerce/commerce-world.js';

const auctionId = 'auction-1';
const AUCTION_TTL_MS = 172_800 * 1000;
const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** The bid log's runners-up, by maximum: ann won, bob is next, cat is below the reserve (left out). */
const bidders: SecondChanceBidders = {
  async next(_auctionId, excluded) {
    const ranked = [
      { bidderId: 'ann', maximum: eur(3_000) },
      { bidderId: 'bob', maximum: eur(2_500) },
    ];
    return ranked.find((b) => !excluded.includes(b.bidderId)) ?? null;
  },
};

/** ann won the auction of one unit of the first listing, did not pay: her order is cancelled for payment_timeout. */
async function timedOutWinner(w: CommerceWorld): Promise<EventEnvelope<'order.cancelled'>> {
  const c = w.f.container;
  const listingId = w.listingIds[0]!;
  const now = w.f.clock.now();
  await c
    .get<StockLedger>(StockLedger)
    .hold(listingId, auctionHolderId(auctionId), 1, new Date(now.getTime() + 86_400_000), now);
  const price = eur(2_600);
  const ended = {
    auctionId,
    listingId,
    sellerId: 'seller',
    title: 'Thing',
    currentPrice: price,
    leadingBidderId: 'ann',
    endsAt: now.toISOString(),
    bidCount: 3,
    winnerId: 'ann',
    finalPrice: price,
    reserveMet: true,
  };
  await w
    .useCases()
    .createAuctionOrder.handle(envelopeWithId(`auction.ended:${auctionId}`, 'auction.ended', ended, w.f.clock));
  w.f.clock.advance(AUCTION_TTL_MS);
  const [orderId] = await new ExpireUnpaidOrders(
    c.get<OrderRepository>(OrderRepository),
    c.get(OrderCancellation),
    w.f.clock,
  ).execute();
  const cancelled = (await c.get<OrderRepository>(OrderRepository).findById(orderId!))!;
  expect(cancelled).toMatchObject({ buyerId: 'ann', auctionId, cancelReason: 'payment_timeout' });
  const payload = {
    orderId: cancelled.id,
    buyerId: 'ann',
    sellerIds: ['seller'],
    cancelledBy: 'system',
    cancelReason: 'payment_timeout' as const,
    auctionId,
    items: [{ listingId, quantity: 1 }],
  };
  return envelopeWithId(`order.cancelled:${cancelled.id}`, 'order.cancelled', payload, w.f.clock);
}

function offerSecondChance(w: CommerceWorld, plan?: FaultPlan): OfferSecondChance {
  const c = w.f.container;
  const wrap = <T extends object>(name: string, port: T): T => (plan ? plan.wrap(name, port) : port);
  const orders = wrap('orders', c.get<OrderRepository>(OrderRepository));
  const checkout = new CartOrderCheckout(
    new CartPublicApi(
      c.get<CartRepository>(CartRepository),
      wrap('ledger', c.get<StockLedger>(StockLedger)),
      c.get<CartCatalog>(CartCatalog),
    ),
  );
  const clock = c.get<Clock>(Clock);
  const placement = new OrderPlacement(orders, checkout, c.get(OrderEvents), clock, {
    orderSeconds: 1800,
    auctionSeconds: 172_800,
  });
  return new OfferSecondChance(
    orders,
    checkout,
    placement,
    wrap('bidders', bidders),
    c.get<IdGenerator>(IdGenerator),
    clock,
  );
}

/** bob has one offer, at his maximum, with its own deadline; the unit went from ann's order to his, sold once. */
async function expectOneOffer(w: CommerceWorld, timedOutId: string, label: string): Promise<void> {
  await w.f.settle();
  const c = w.f.container;
  const orders = (await c.get<OrderRepository>(OrderRepository).listByAuctionId(auctionId)).filter(
    (o) => o.status !== 'failed',
  );
  expect(
    orders.map((o) => [o.buyerId, o.status]),
    label,
  ).toEqual([
    ['ann', 'cancelled'],
    ['bob', 'pending_payment'],
  ]);
  const offer = orders[1]!;
  expect(offer, label).toMatchObject({
    secondChanceOf: timedOutId,
    total: eur(2_500),
    items: [{ quantity: 1, unitPrice: eur(2_500) }],
  });
  // Its own deadline, from when it was confirmed (by the sweeper, after a crash).
  expect(offer.payBy!.getTime() - offer.createdAt.getTime(), label).toBeGreaterThanOrEqual(AUCTION_TTL_MS);
  const level = (await c.get<StockLedger>(StockLedger).level(w.listingIds[0]!))!;
  expect(level, `${label}: one unit sold (to bob), the cart's reservation alone held`).toMatchObject({
    onHand: STOCK[0]! - 1,
    reserved: IN_CART[0]!,
  });
  const created = w.f.published.filter(
    (e) => e.topic === 'order.created' && (e.payload as { orderId: string }).orderId === offer.id,
  );
  expect(new Set(created.map((e) => e.id)).size, `${label}: order.created of the offer once`).toBe(1);
  const told = w.f.published.filter(
    (e) =>
      e.topic === 'notification.send' &&
      (e.payload as { type: string; userId: string }).type === 'auction.second_chance',
  );
  expect(
    told.map((e) => (e.payload as { userId: string }).userId),
    `${label}: bob is told once`,
  ).toEqual(['bob']);
}

// The app's own sweeper stays out of the way.
const env = { ORDER_SWEEP_INTERVAL_MS: '600000' };

describe('second chance (consumer of order.cancelled) under faults, memory', () => {
  it('offers the item to the next bidder at their maximum; a redelivery answers the same offer', async () => {
    const w = await commerceWorld(env);
    try {
      const event = await timedOutWinner(w);
      const offer = await offerSecondChance(w).handle(event);
      expect(offer).toMatchObject({ buyerId: 'bob', status: 'pending_payment' });
      expect(await offerSecondChance(w).handle(event)).toEqual(offer);
      await expectOneOffer(w, event.payload.orderId, 'no fault');
      // Other cancels are not its business.
      expect(
        await offerSecondChance(w).handle({ ...event, payload: { ...event.payload, cancelReason: 'buyer' } }),
      ).toBeNull();
    } finally {
      await w.close();
    }
  });

  it('a throw at, or a crash after, every step: the redelivered event (and the sweeper) make one offer', async () => {
    const recorder = await commerceWorld(env);
    const plan = new FaultPlan();
    await offerSecondChance(recorder, plan).handle(await timedOutWinner(recorder));
    await recorder.close();
    expect(plan.steps.length).toBeGreaterThan(4);
    for (const fault of everyFault(plan.steps.length)) {
      const label = describeFault(fault, plan.steps);
      const w = await commerceWorld(env);
      try {
        const event = await timedOutWinner(w);
        await underFault(() => offerSecondChance(w, new FaultPlan(fault)).handle(event));
        await w.restart(); // the sweeper settles an offer left placing
        await offerSecondChance(w).handle(event); // the bus delivers the event again
        await expectOneOffer(w, event.payload.orderId, label);
      } finally {
        await w.close();
      }
    }
  }, 120_000);

  it('when the offer times out too, nobody else reached the reserve: no offer, the unit is back in stock', async () => {
    const w = await commerceWorld(env);
    try {
      const first = await timedOutWinner(w);
      const offer = (await offerSecondChance(w).handle(first))!;
      w.f.clock.advance(AUCTION_TTL_MS);
      const c = w.f.container;
      expect(
        await new ExpireUnpaidOrders(
          c.get<OrderRepository>(OrderRepository),
          c.get(OrderCancellation),
          w.f.clock,
        ).execute(),
      ).toEqual([offer.id]);
      const payload = { ...first.payload, orderId: offer.id, buyerId: 'bob' };
      expect(
        await offerSecondChance(w).handle(
          envelopeWithId(`order.cancelled:${offer.id}`, 'order.cancelled', payload, w.f.clock),
        ),
      ).toBeNull();
      await w.f.settle();
      expect(await c.get<StockLedger>(StockLedger).level(w.listingIds[0]!)).toMatchObject({
        onHand: STOCK[0],
        reserved: IN_CART[0],
      });
    } finally {
      await w.close();
    }
  });
});
