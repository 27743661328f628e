import { describe, expect, it } from 'vitest';
import { auctionHolderId } from '../../../src/application/cart/cart-public-api.js';
import { StockLedger } from '../../../src/application/cart/ports/stock-ledger.js';
import { envelopeWithId } from '../../../src/application/shared/events/envelope.js';
import { OrderRepository } from '../../../src/application/orders/ports/order-repository.js';
import { describeFault, everyFault, FaultPlan } from '../../support/fault-injection.js';
import { underFault } from '../../support/outbox-helpers.js';
import { commerceWorld, STOCK, type CommerceWorld } from './commerce-world.js';

const auctionId = 'auction-1';
const winnerId = 'winner-1';

/** The auction holds one unit of the first listing; its end names a winner. */
async function auctionEnded(w: CommerceWorld) {
  const listingId = w.listingIds[0]!;
  const now = w.f.clock.now();
  await w.f.container
    .get<StockLedger>(StockLedger)
    .hold(listingId, auctionHolderId(auctionId), 1, new Date(now.getTime() + 86_400_000), now);
  const price = { amount: 5_000, currency: 'EUR' };
  const payload = {
    auctionId,
    listingId,
    sellerId: 'seller',
    title: 'Thing',
    currentPrice: price,
    leadingBidderId: winnerId,
    endsAt: now.toISOString(),
    bidCount: 3,
    winnerId,
    finalPrice: price,
    reserveMet: true,
  };
  return envelopeWithId(`auction.ended:${auctionId}`, 'auction.ended', payload, w.f.clock);
}

/** One order for the auction's winner, its unit sold once, order.created once. */
async function expectOneOrder(w: CommerceWorld, label: string): Promise<void> {
  await w.f.settle();
  const order = await w.f.container.get<OrderRepository>(OrderRepository).findByAuctionId(auctionId);
  expect(order, label).toMatchObject({ buyerId: winnerId, status: 'pending_payment', items: [{ quantity: 1 }] });
  const level = await w.f.container.get<StockLedger>(StockLedger).level(w.listingIds[0]!);
  expect(level?.onHand, `${label}: the held unit is sold once`).toBe(STOCK[0]! - 1);
  expect(
    await w.f.container
      .get<StockLedger>(StockLedger)
      .reservation(w.listingIds[0]!, auctionHolderId(auctionId), w.f.clock.now()),
    label,
  ).toBeNull();
  const created = w.f.published.filter((e) => e.topic === 'order.created');
  expect(new Set(created.map((e) => e.id)).size, `${label}: order.created once`).toBe(1);
  expect(created[0]?.payload).toMatchObject({ orderId: order?.id, auctionId });
}

describe("the auction winner's order (consumer of auction.ended) under faults", () => {
  it('a throw at, or a crash after, every step: the redelivered event (and the sweeper) make one order', async () => {
    const recorder = await commerceWorld();
    const plan = new FaultPlan();
    await recorder.useCases(plan).createAuctionOrder.handle(await auctionEnded(recorder));
    await recorder.close();
    for (const fault of everyFault(plan.steps.length)) {
      const label = describeFault(fault, plan.steps);
      const w = await commerceWorld();
      try {
        const event = await auctionEnded(w);
        await underFault(() => w.useCases(new FaultPlan(fault)).createAuctionOrder.handle(event));
        const restarted = await w.restart();
        await restarted.createAuctionOrder.handle(event);
        await expectOneOrder(w, label);
      } finally {
        await w.close();
      }
    }
  });

  it('two handlers of the same event at once make one order', async () => {
    const w = await commerceWorld();
    try {
      const event = await auctionEnded(w);
      await Promise.all([w.useCases().createAuctionOrder.handle(event), w.useCases().createAuctionOrder.handle(event)]);
      await w.restart();
      await expectOneOrder(w, 'racing handlers');
    } finally {
      await w.close();
    }
  });
});
