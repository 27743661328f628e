import type { Collection, Db } from 'mongodb';
import type { CartRepository } from '../../../application/cart/ports/cart-repository.js';
import type { CartLine } from '../../../domain/cart/cart.js';
import { isDuplicateKeyError } from '../shared/errors.js';

interface CartLineDocument extends CartLine {
  buyerId: string;
}

/**
 * One document per cart line (`cart_lines`, unique on buyer and listing), so that lines added
 * at once to one cart never overwrite each other.
 */
export class MongoCartRepository implements CartRepository {
  private readonly collection: Collection<CartLineDocument>;

  constructor(db: Db) {
    this.collection = db.collection<CartLineDocument>('cart_lines');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ buyerId: 1, listingId: 1 }, { unique: true, name: 'buyer_listing_unique' });
  }

  async lines(buyerId: string): Promise<CartLine[]> {
    const documents = await this.collection.find({ buyerId }).sort({ listingId: 1 }).toArray();
    return documents.map(({ listingId, sellerId, title, quantity, unitPrice, reservedUntil }) => ({
      listingId,
      sellerId,
      title,
      quantity,
      unitPrice: { amount: unitPrice.amount, currency: unitPrice.currency },
      reservedUntil,
    }));
  }

  async putLine(buyerId: string, line: CartLine): Promise<void> {
    const write = () =>
      this.collection.replaceOne({ buyerId, listingId: line.listingId }, { buyerId, ...line }, { upsert: true });
    try {
      await write();
    } catch (error) {
      // Two first upserts of one line raced (FerretDB does not retry them itself): the second is an update now.
      if (!isDuplicateKeyError(error)) throw error;
      await write();
    }
  }

  async removeLine(buyerId: string, listingId: string): Promise<void> {
    await this.collection.deleteOne({ buyerId, listingId });
  }
}
