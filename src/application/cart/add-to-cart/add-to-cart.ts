import { cartErrors } from '../../../domain/cart/cart.js';
import type { Clock } from '../../shared/ports/clock.js';
import { listingForBuyer } from '../cart-listing.js';
import type { CartCatalog } from '../ports/cart-catalog.js';
import type { CartRepository } from '../ports/cart-repository.js';
import type { StockLedger } from '../ports/stock-ledger.js';

/**
 * Reserves `quantity` more units of a published listing for the buyer, atomically, for the
 * reservation TTL (adding the same listing again adds to it). 409 INSUFFICIENT_STOCK with `available`.
 * The ledger stores `stock.reserved` with the hold; a crash before the line is written leaves a
 * hold the buyer does not see, which expires and is swept.
 */
export class AddToCart {
  constructor(
    private readonly catalog: CartCatalog,
    private readonly carts: CartRepository,
    private readonly ledger: StockLedger,
    private readonly clock: Clock,
    private readonly reservationTtlSeconds: number,
  ) {}

  async execute(buyerId: string, listingId: string, quantity: number): Promise<void> {
    const listing = await listingForBuyer(this.catalog, listingId, buyerId);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.reservationTtlSeconds * 1000);
    const result = await this.ledger.holdMore(listingId, buyerId, quantity, expiresAt, now);
    if (!result.ok) throw cartErrors.insufficientStock(result.level?.available ?? 0);
    const held = result.reservation?.quantity ?? quantity;
    await this.carts.putLine(buyerId, { listingId, sellerId: listing.sellerId, title: listing.title, quantity: held, unitPrice: listing.price, reservedUntil: expiresAt });
  }
}
