import type { EventBus } from '../shared/events/event-bus.js';
import type { StockLevel } from './ports/stock-ledger.js';

type ReleaseReason = 'removed' | 'expired' | 'order_cancelled' | 'auction_ended';

/** The stock.* events, published after each ledger change (the realtime gateway relays them). */
export class StockEvents {
  constructor(private readonly bus: EventBus) {}

  async reserved(level: StockLevel, holderId: string, quantity: number, expiresAt: Date): Promise<void> {
    await this.bus.publish('stock.reserved', { listingId: level.listingId, available: level.available, holderId, quantity, expiresAt: expiresAt.toISOString() });
  }

  async released(level: StockLevel, holderId: string, quantity: number, reason: ReleaseReason): Promise<void> {
    await this.bus.publish('stock.released', { listingId: level.listingId, available: level.available, holderId, quantity, reason });
  }

  async updated(level: StockLevel): Promise<void> {
    await this.bus.publish('stock.updated', { listingId: level.listingId, available: level.available, quantityOnHand: level.onHand });
  }
}
