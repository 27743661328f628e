import { cartErrors } from '../../../domain/cart/cart.js';
import type { Clock } from '../../shared/ports/clock.js';
import { CartLines, type CartView } from '../cart-lines.js';
import { listingForBuyer } from '../cart-listing.js';
import type { CartCatalog } from '../ports/cart-catalog.js';
import type { CartRepository } from '../ports/cart-repository.js';
import type { StockLedger } from '../ports/stock-ledger.js';

/**
 * Sets a line's quantity at the listing's current price, and answers the cart: the reservation
 * moves up or down atomically (the ledger stores its stock.* event); 0 removes the line. A price
 * now in another currency than the cart's other lines is refused before the reservation moves
 * (409 CART_MIXED_CURRENCIES, see CartLines).
 */
export class ChangeCartQuantity {
  private readonly lines: CartLines;

  constructor(
    private readonly catalog: CartCatalog,
    private readonly carts: CartRepository,
    private readonly ledger: StockLedger,
    private readonly clock: Clock,
    private readonly reservationTtlSeconds: number,
  ) {
    this.lines = new CartLines(carts, ledger);
  }

  async execute(buyerId: string, listingId: string, quantity: number): Promise<CartView> {
    const now = this.clock.now();
    const current = await this.ledger.reservation(listingId, buyerId, now);
    if (!current) throw cartErrors.lineNotFound();
    const listing = await listingForBuyer(this.catalog, listingId, buyerId);
    const change = quantity > 0 ? await this.lines.prepare(buyerId, listingId, listing.price, now) : null;
    const expiresAt = new Date(now.getTime() + this.reservationTtlSeconds * 1000);
    const result = await this.ledger.hold(listingId, buyerId, quantity, expiresAt, now);
    if (!result.ok) throw cartErrors.insufficientStock(result.level?.available ?? 0);
    if (!change) {
      await this.carts.removeLine(buyerId, listingId);
      return this.lines.view(buyerId, now);
    }
    await this.carts.putLine(buyerId, {
      listingId,
      sellerId: listing.sellerId,
      title: listing.title,
      quantity,
      unitPrice: listing.price,
      reservedUntil: expiresAt,
    });
    return this.lines.confirm(change, now);
  }
}
