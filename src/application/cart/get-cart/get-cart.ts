import type { Clock } from '../../shared/ports/clock.js';
import { CartLines, type CartView } from '../cart-lines.js';
import type { CartRepository } from '../ports/cart-repository.js';
import type { StockLedger } from '../ports/stock-ledger.js';

/** The buyer's cart: only lines whose reservation is still live (an expired line is dropped). */
export class GetCart {
  private readonly lines: CartLines;

  constructor(
    carts: CartRepository,
    ledger: StockLedger,
    private readonly clock: Clock,
  ) {
    this.lines = new CartLines(carts, ledger);
  }

  execute(buyerId: string): Promise<CartView> {
    return this.lines.view(buyerId, this.clock.now());
  }
}
