import type { Order } from '../../domain/orders/order.js';
import type { Page } from '../../application/shared/ports/page.js';
import { DomainError } from '../../domain/shared/domain-error.js';

/** Orders are listed newest first: (createdAt desc, id desc); the cursor is the last one's key. */
export interface OrderKey {
  createdAt: number;
  id: string;
}

export function encodeOrderCursor(order: Order): string {
  return Buffer.from(JSON.stringify({ createdAt: order.createdAt.getTime(), id: order.id })).toString('base64url');
}

export function decodeOrderCursor(cursor: string): OrderKey {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Partial<OrderKey>;
    if (typeof key.createdAt === 'number' && typeof key.id === 'string') return { createdAt: key.createdAt, id: key.id };
  } catch {
    // fall through to the 400 below
  }
  throw new DomainError('invalid', 'INVALID_CURSOR', 'the cursor is not one this list gave', { errors: [{ path: 'query.cursor', message: 'invalid cursor' }] });
}

/** `fetched` holds up to limit + 1 orders after the cursor: the extra one says whether a next page exists. */
export function orderPage(fetched: Order[], limit: number): Page<Order> {
  const items = fetched.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: fetched.length > limit && last ? encodeOrderCursor(last) : null };
}

export function isAfter(order: Order, key: OrderKey): boolean {
  const t = order.createdAt.getTime();
  return t < key.createdAt || (t === key.createdAt && order.id < key.id);
}

export function newestFirst(a: Order, b: Order): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}
