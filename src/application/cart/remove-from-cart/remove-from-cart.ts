import { cartErrors } from '../../../domain/cart/cart.js';
import type { CartRepository } from '../ports/cart-repository.js';
import type { StockLedger } from '../ports/stock-ledger.js';

/** Removes a line and gives its units back at once (the ledger stores `stock.released`). */
export class RemoveFromCart {
  constructor(
    private readonly carts: CartRepository,
    private readonly ledger: StockLedger,
  ) {}

  async execute(buyerId: string, listingId: string): Promise<void> {
    const released = await this.ledger.release(listingId, buyerId, 'removed');
    const hadLine = (await this.carts.lines(buyerId)).some((l) => l.listingId === listingId);
    if (!released && !hadLine) throw cartErrors.lineNotFound();
    await this.carts.removeLine(buyerId, listingId);
  }
}
