import { cartErrors } from '../../../domain/cart/cart.js';
import type { Clock } from '../../shared/ports/clock.js';
import { CartLines, type CartView } from '../cart-lines.js';
import { listingForBuyer } from '../cart-listing.js';
import type { CartCatalog } from '../ports/cart-catalog.js';
import type { CartRepository } from '../ports/cart-repository.js';
import type { StockLedger } from '../ports/stock-ledger.js';
import { seededHold } from '../seeded-hold.js';

/**
 * Reserves `quantity` more units of a published listing for the buyer, atomically, for the
 * reservation TTL (adding the same listing again adds to it), and answers the cart.
 * 409 INSUFFICIENT_STOCK with `available`; 409 CART_MIXED_CURRENCIES when the listing is not in
 * the cart's currency, checked before reserving, so that nothing is reserved then (see CartLines).
 * A listing the ledger does not know yet (just published) is seeded first (seededHold).
 * The ledger stores `stock.reserved` with the hold; a crash before the line is written leaves a
 * hold the buyer does not see, which expires and is swept.
 */
export class AddToCart {
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
    const listing = await listingForBuyer(this.catalog, listingId, buyerId);
    const now = this.clock.now();
    const change = await this.lines.prepare(buyerId, listingId, listing.price, now);
    const expiresAt = new Date(now.getTime() + this.reservationTtlSeconds * 1000);
    const result = await seededHold(
      this.ledger,
      listingId,
      async () => listing.quantity,
      () => this.ledger.holdMore(listingId, buyerId, quantity, expiresAt, now),
    );
    if (!result.ok) throw cartErrors.insufficientStock(result.level?.available ?? 0);
    const held = result.reservation?.quantity ?? quantity;
    await this.carts.putLine(buyerId, {
      listingId,
      sellerId: listing.sellerId,
      title: listing.title,
      quantity: held,
      unitPrice: listing.price,
      reservedUntil: expiresAt,
    });
    return this.lines.confirm(change, now);
  }
}
