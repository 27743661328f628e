import { cartErrors, cartTotal, ensureOneCurrency, type CartLine } from '../../domain/cart/cart.js';
import type { Money } from '../../domain/shared/money.js';
import type { CartRepository } from './ports/cart-repository.js';
import type { StockLedger } from './ports/stock-ledger.js';

/** The cart as its buyer sees it: live lines, and their total (null when there is none). */
export interface CartView {
  items: CartLine[];
  total: Money | null;
}

/** A line a use case is about to put in a cart, with the live line it replaces (if any). */
export interface LineChange {
  buyerId: string;
  listingId: string;
  price: Money;
  previous: CartLine | undefined;
}

/**
 * The lines of a cart with their reservations in the StockLedger, which decide what is live, and
 * the rule that a cart holds one currency. That rule is checked before anything is reserved (a
 * refusal reserves nothing), and again once the line is written: two requests of one buyer racing
 * on an empty cart in two currencies both pass the first check, and whichever then sees the
 * other's line gives its own change back and is refused. So a cart never stays mixed; in such a
 * race both may be refused (a retry then succeeds).
 */
export class CartLines {
  constructor(
    private readonly carts: CartRepository,
    private readonly ledger: StockLedger,
  ) {}

  /** Lines whose reservation is live, with its quantity and expiry; a line whose reservation is gone is dropped. */
  async live(buyerId: string, now: Date): Promise<CartLine[]> {
    const lines = await this.carts.lines(buyerId);
    const reservations = await this.ledger.reservations(
      buyerId,
      lines.map((line) => line.listingId),
      now,
    );
    const live: CartLine[] = [];
    for (const [index, line] of lines.entries()) {
      const reservation = reservations[index];
      if (reservation) live.push({ ...line, quantity: reservation.quantity, reservedUntil: reservation.expiresAt });
      else await this.carts.removeLine(buyerId, line.listingId);
    }
    return live;
  }

  async view(buyerId: string, now: Date): Promise<CartView> {
    return viewOf(await this.live(buyerId, now));
  }

  /**
   * Before reserving: the live line of the listing the change replaces; CART_MIXED_CURRENCIES when the price's currency
   * is not the cart's.
   */
  async prepare(buyerId: string, listingId: string, price: Money, now: Date): Promise<LineChange> {
    const lines = await this.live(buyerId, now);
    ensureOneCurrency(lines, listingId, price);
    return { buyerId, listingId, price, previous: lines.find((l) => l.listingId === listingId) };
  }

  /**
   * After the line is written: the cart, or (a concurrent change put another currency in it) the change given back and
   * CART_MIXED_CURRENCIES.
   */
  async confirm(change: LineChange, now: Date): Promise<CartView> {
    const lines = await this.live(change.buyerId, now);
    const other = lines.find((l) => l.unitPrice.currency !== change.price.currency);
    if (!other) return viewOf(lines);
    await this.giveBack(change, now);
    throw cartErrors.mixedCurrencies(other.unitPrice.currency, change.price.currency);
  }

  private async giveBack({ buyerId, listingId, previous }: LineChange, now: Date): Promise<void> {
    if (!previous) {
      await this.ledger.release(listingId, buyerId, 'removed');
      await this.carts.removeLine(buyerId, listingId);
      return;
    }
    await this.ledger.hold(listingId, buyerId, previous.quantity, previous.reservedUntil, now);
    await this.carts.putLine(buyerId, previous);
  }
}

const viewOf = (lines: CartLine[]): CartView => ({ items: lines, total: cartTotal(lines) });
