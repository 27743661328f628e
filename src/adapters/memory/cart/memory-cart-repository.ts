import type { CartRepository } from '../../../application/cart/ports/cart-repository.js';
import type { CartLine } from '../../../domain/cart/cart.js';

const copy = (line: CartLine): CartLine => ({
  ...line,
  unitPrice: { ...line.unitPrice },
  reservedUntil: new Date(line.reservedUntil),
});

export class MemoryCartRepository implements CartRepository {
  private readonly carts = new Map<string, Map<string, CartLine>>();

  async lines(buyerId: string): Promise<CartLine[]> {
    return [...(this.carts.get(buyerId)?.values() ?? [])].map(copy);
  }

  async putLine(buyerId: string, line: CartLine): Promise<void> {
    const cart = this.carts.get(buyerId) ?? new Map<string, CartLine>();
    cart.set(line.listingId, copy(line));
    this.carts.set(buyerId, cart);
  }

  async removeLine(buyerId: string, listingId: string): Promise<void> {
    this.carts.get(buyerId)?.delete(listingId);
  }
}
