import type { EventEnvelope } from '../../shared/events/envelope.js';
import type { StockLedger } from '../ports/stock-ledger.js';

/**
 * Consumer of `order.cancelled`: gives the order's units back to stock on hand. CancelOrder does
 * it right away; this is the recovery path when its process died between storing the cancelled
 * order (with this event) and the give-back. The ledger restocks once per order id, so the two
 * paths, and redeliveries, give the units back exactly once.
 */
export class RestockCancelledOrder {
  static readonly consumer = 'cart.restock-cancelled-order';

  constructor(private readonly ledger: StockLedger) {}

  async handle(event: EventEnvelope<'order.cancelled'>): Promise<void> {
    const { orderId, buyerId, items } = event.payload;
    await this.ledger.restock(orderId, buyerId, items);
  }
}
