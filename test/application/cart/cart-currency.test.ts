import { describe, expect, it } from 'vitest';
import { MemoryCartRepository } from '../../../src/adapters/memory/cart/memory-cart-repository.js';
import { MemoryStockLedger } from '../../../src/adapters/memory/cart/memory-stock-ledger.js';
import { ManualClock } from '../../../src/adapters/memory/shared/manual-clock.js';
import { MemoryOutbox } from '../../../src/adapters/memory/shared/memory-outbox.js';
import { SequentialIdGenerator } from '../../../src/adapters/memory/shared/sequential-id-generator.js';
import { AddToCart } from '../../../src/application/cart/add-to-cart/add-to-cart.js';
import { GetCart } from '../../../src/application/cart/get-cart/get-cart.js';
import type { CartCatalog, ListingForSale } from '../../../src/application/cart/ports/cart-catalog.js';
import type { StockLedger } from '../../../src/application/cart/ports/stock-ledger.js';
import { StockEvents } from '../../../src/application/cart/stock-events.js';
import { EventFactory } from '../../../src/application/shared/events/event-factory.js';
import { DomainError } from '../../../src/domain/shared/domain-error.js';

const listings: ListingForSale[] = [
  {
    id: 'yen',
    sellerId: 'seller',
    title: 'Yen thing',
    price: { amount: 100, currency: 'JPY' },
    published: true,
    quantity: 5,
  },
  {
    id: 'dollar',
    sellerId: 'seller',
    title: 'Dollar thing',
    price: { amount: 100_000, currency: 'USD' },
    published: true,
    quantity: 5,
  },
];
const catalog: CartCatalog = {
  listing: async (id) => listings.find((l) => l.id === id) ?? null,
  publishedStock: async () => ({ items: [], nextCursor: null }),
  correctQuantity: async () => false,
};

/** Memory adapters; `gate` holds every holdMore until it is opened (both requests are then past their first check). */
async function world(gate?: Promise<void>) {
  const clock = new ManualClock(new Date('2026-03-01T10:00:00Z'));
  const ledger = new MemoryStockLedger(
    new MemoryOutbox(),
    new StockEvents(new EventFactory(new SequentialIdGenerator('event'), clock)),
  );
  const holds: string[] = [];
  const gated: StockLedger = Object.assign(Object.create(ledger) as StockLedger, {
    holdMore: async (...args: Parameters<StockLedger['holdMore']>) => {
      holds.push(args[0]);
      await gate;
      return ledger.holdMore(...args);
    },
  });
  for (const l of listings) await ledger.setOnHand(l.id, 5);
  const carts = new MemoryCartRepository();
  return {
    ledger,
    holds,
    clock,
    add: new AddToCart(catalog, carts, gated, clock, 900),
    cart: new GetCart(carts, ledger, clock),
  };
}

const codeOfRejection = (result: PromiseSettledResult<unknown>) =>
  result.status === 'fulfilled'
    ? 'ok'
    : result.reason instanceof DomainError
      ? result.reason.code
      : String(result.reason);

describe('AddToCart: one currency per cart', () => {
  it('refuses a listing in another currency before the ledger is asked to reserve anything', async () => {
    const w = await world();
    await w.add.execute('buyer', 'yen', 2);
    await expect(w.add.execute('buyer', 'dollar', 1)).rejects.toMatchObject({
      code: 'CART_MIXED_CURRENCIES',
      details: { cartCurrency: 'JPY', listingCurrency: 'USD' },
    });
    expect(w.holds).toEqual(['yen']);
    expect(await w.ledger.level('dollar')).toMatchObject({ reserved: 0, available: 5 });
    expect(await w.cart.execute('buyer')).toMatchObject({
      items: [{ listingId: 'yen', quantity: 2 }],
      total: { amount: 200, currency: 'JPY' },
    });
  });

  it('ignores a line whose reservation expired (the cart is empty then) when choosing the currency', async () => {
    const w = await world();
    await w.add.execute('buyer', 'yen', 1);
    w.clock.advance(901_000);
    expect((await w.add.execute('buyer', 'dollar', 1)).total).toEqual({ amount: 100_000, currency: 'USD' });
  });

  it('leaves no mixed cart when adds in two currencies race past the first check: the one that sees the other gives its units back', async () => {
    let open!: () => void;
    const w = await world(new Promise<void>((resolve) => (open = resolve)));
    const racing = [w.add.execute('buyer', 'yen', 2), w.add.execute('buyer', 'dollar', 1)];
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(w.holds.sort()).toEqual(['dollar', 'yen']); // both passed the first check
    open();
    const results = await Promise.allSettled(racing);
    const codes = results.map(codeOfRejection);
    expect(codes).toContain('CART_MIXED_CURRENCIES');
    expect(codes.every((c) => c === 'ok' || c === 'CART_MIXED_CURRENCIES')).toBe(true);

    const cart = await w.cart.execute('buyer');
    expect(new Set(cart.items.map((l) => l.unitPrice.currency)).size).toBeLessThanOrEqual(1);
    for (const [i, id] of ['yen', 'dollar'].entries()) {
      const kept = codes[i] === 'ok';
      expect(
        cart.items.some((l) => l.listingId === id),
        id,
      ).toBe(kept);
      expect((await w.ledger.level(id))?.reserved, id).toBe(kept ? (id === 'yen' ? 2 : 1) : 0);
    }
  });
});
