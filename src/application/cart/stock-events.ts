import type { EventEnvelope } from '../shared/events/envelope.js';
import type { EventFactory } from '../shared/events/event-factory.js';
import type { ReleaseReason, StockLevel } from './ports/stock-ledger.js';

const figures = ({ listingId, available }: StockLevel) => ({ listingId, available });

/**
 * Builds the stock.* events of a ledger change (the realtime gateway relays them). The ledger
 * stores them with the change itself; the Redis ledger's scripts build the same envelopes in Lua.
 */
export class StockEvents {
  constructor(private readonly factory: EventFactory) {}

  reserved(level: StockLevel, holderId: string, quantity: number, expiresAt: Date): EventEnvelope<'stock.reserved'> {
    return this.factory.create('stock.reserved', {
      ...figures(level),
      holderId,
      quantity,
      expiresAt: expiresAt.toISOString(),
    });
  }

  released(
    level: StockLevel,
    holderId: string,
    quantity: number,
    reason: ReleaseReason,
  ): EventEnvelope<'stock.released'> {
    return this.factory.create('stock.released', { ...figures(level), holderId, quantity, reason });
  }

  updated(level: StockLevel): EventEnvelope<'stock.updated'> {
    return this.factory.create('stock.updated', { ...figures(level), quantityOnHand: level.onHand });
  }

  /** A hold moved from `before` to `after` units: reserved or released by the difference, nothing when equal. */
  holdChanged(level: StockLevel, holderId: string, before: number, after: number, expiresAt: Date): EventEnvelope[] {
    if (after > before) return [this.reserved(level, holderId, after - before, expiresAt)];
    if (after < before) return [this.released(level, holderId, before - after, 'removed')];
    return [];
  }
}
