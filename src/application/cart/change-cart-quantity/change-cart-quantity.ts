import { cartErrors } from '../../../domain/cart/cart.js';
import type { Clock } from '../../shared/ports/clock.js';
import { listingForBuyer } from '../cart-listing.js';
import type { CartCatalog } from '../ports/cart-catalog.js';
import type { CartRepository } from '../ports/cart-repository.js';
import type { StockLedger } from '../ports/stock-ledger.js';

/** Sets a line's quantity: the reservation moves up or down atomically (the ledger stores its stock.* event); 0 removes the line. */
export class ChangeCartQuantity {
  constructor(
    private readonly catalog: CartCatalog,
    private readonly carts: CartRepository,
    private readonly ledger: StockLedger,
    private readonly clock: Clock,
    private readonly reservationTtlSeconds: number,
  ) {}

  async execute(buyerId: string, listingId: string, quantity: number): Promise<void> {
    const now = this.clock.now();
    const current = await this.ledger.reservation(listingId, buyerId, now);
    if (!current) throw cartErrors.lineNotFound();
    const listing = await listingForBuyer(this.catalog, listingId, buyerId);
    const expiresAt = new Date(now.getTime() + this.reservationTtlSeconds * 1000);
    const result = await this.ledger.hold(listingId, buyerId, quantity, expiresAt, now);
    if (!result.ok) throw cartErrors.insufficientStock(result.level?.available ?? 0);
    if (quantity === 0) await this.carts.removeLine(buyerId, listingId);
    else await this.carts.putLine(buyerId, { listingId, sellerId: listing.sellerId, title: listing.title, quantity, unitPrice: listing.price, reservedUntil: expiresAt });
  }
}
