import type { StockLevel } from '../../../application/cart/ports/stock-ledger.js';

/** A level from a script's {onHand, reserved} (strings or integers). */
export function toLevel(listingId: string, reply: unknown): StockLevel {
  const [onHand, reserved] = (Array.isArray(reply) ? (reply as unknown[]) : []).map(toCount);
  if (onHand === undefined || reserved === undefined) throw unexpected('level', reply);
  return { listingId, onHand, reserved, available: Math.max(0, onHand - reserved) };
}

export function toCount(value: unknown): number {
  const count = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isSafeInteger(count)) throw unexpected('count', value);
  return count;
}

export function unexpected(what: string, reply: unknown): Error {
  return new Error(`unexpected reply from the stock ledger (${what}): ${JSON.stringify(reply)}`);
}
