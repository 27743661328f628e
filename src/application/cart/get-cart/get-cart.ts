import { cartTotal, type CartLine } from '../../../domain/cart/cart.js';
import type { Money } from '../../../domain/shared/money.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { CartRepository } from '../ports/cart-repository.js';
import type { StockLedger } from '../ports/stock-ledger.js';

export interface CartView {
  items: CartLine[];
  total: Money | null;
}

/** The buyer's cart: only lines whose reservation is still live (an expired line is dropped). */
export class GetCart {
  constructor(
    private readonly carts: CartRepository,
    private readonly ledger: StockLedger,
    private readonly clock: Clock,
  ) {}

  async execute(buyerId: string): Promise<CartView> {
    const now = this.clock.now();
    const live: CartLine[] = [];
    for (const line of await this.carts.lines(buyerId)) {
      const reservation = await this.ledger.reservation(line.listingId, buyerId, now);
      if (reservation) live.push({ ...line, quantity: reservation.quantity, reservedUntil: reservation.expiresAt });
      else await this.carts.removeLine(buyerId, line.listingId);
    }
    return { items: live, total: cartTotal(live) };
  }
}
